// A word cloud is read word by word: no two words may touch, in any script. Each word is found
// in the picture on its own (drawn alone, the others in white, in the same layout), and no word
// may come within a few pixels of another.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildWordCloud } from '../../src/charts/build-word-cloud.ts';
import type { ChartFrame, ChartSpec } from '../../src/charts/chart-spec.ts';
import { createLocalRenderer } from '../../src/charts/render-locally.ts';
import { readPng, type Pixels } from '../helpers/read-png.ts';

const renderer = createLocalRenderer();
/** The least room between two words, in pixels. */
const GAP = 4;

// Needs as a school's head teachers wrote them, in English, French and Arabic.
const needs = [
  'textbooks',
  'water',
  'roof',
  'clean',
  'chalk',
  'meals',
  'new',
  'school',
  'potable',
  'teachers',
  'enseignants',
  'eau',
  'scolaires',
  'manuels',
  'repas',
  'desks',
  'chairs',
  'bancs',
  'مدرسية',
  'كتب',
  'مزيد',
  'مياه',
  'نظيفة',
  'وجبات',
  'مقاعد',
  'المعلمين',
].map((word, i) => ({ word, count: Math.max(1, 30 - Math.round(i * 1.1)) }));

function alone(spec: ChartSpec, shown: number | null): ChartSpec {
  const config = structuredClone(spec.config);
  const dataset = config.data.datasets[0] as unknown as { color: string[] };
  dataset.color = dataset.color.map((colour, i) => (i === shown ? colour : '#ffffff'));
  return { ...spec, config };
}

/** Rows of the title and caption, the same in every picture (bar the palette's choices). */
const CHROME_ROWS = 100;

/** Which word each pixel belongs to (-1: none), and the pairs of words that meet. */
function findMeetings(blank: Pixels, words: Pixels[]): string[] {
  const { width, height } = blank;
  const owner = new Int16Array(width * height).fill(-1);
  const meetings = new Set<string>();
  words.forEach((pixels, i) => {
    for (let p = CHROME_ROWS * width; p < width * height; p++) {
      const differs = [0, 1, 2].some((c) => Math.abs(pixels.data[p * 4 + c]! - blank.data[p * 4 + c]!) > 24);
      if (!differs) continue;
      if (owner[p]! >= 0) meetings.add(`${needs[owner[p]!]!.word} / ${needs[i]!.word}`);
      owner[p] = i;
    }
  });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = owner[y * width + x]!;
      if (i < 0) continue;
      for (let dy = -GAP; dy <= GAP; dy++) {
        for (let dx = -GAP; dx <= GAP; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const j = owner[ny * width + nx]!;
          if (j >= 0 && j !== i) meetings.add(`${needs[Math.min(i, j)]!.word} / ${needs[Math.max(i, j)]!.word}`);
        }
      }
    }
  }
  return [...meetings];
}

for (const frame of [
  { title: 'Needs', caption: 'Feedback · 2026-12-03 · All regions', locale: 'en', direction: 'ltr' },
  { title: 'الاحتياجات', caption: 'كل المناطق', locale: 'ar', direction: 'rtl' },
] satisfies ChartFrame[]) {
  test(`no two words of a cloud touch (${frame.locale})`, async () => {
    const spec = buildWordCloud(frame, needs);
    const blank = await readPng(await renderer.render(alone(spec, null)));
    const words = [];
    for (let i = 0; i < needs.length; i++) words.push(await readPng(await renderer.render(alone(spec, i))));
    // Every word is drawn, inside the picture.
    words.forEach((pixels, i) => assert.notDeepEqual(pixels.data, blank.data, `${needs[i]!.word} is not drawn`));
    assert.deepEqual(findMeetings(blank, words), []);
  });
}
