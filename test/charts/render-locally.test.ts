import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildCategoryChart } from '../../src/charts/build-category-chart.ts';
import { buildMapChart } from '../../src/charts/build-map-chart.ts';
import { buildParticipationChart } from '../../src/charts/build-participation-chart.ts';
import { buildTrendChart } from '../../src/charts/build-trend-chart.ts';
import { buildWordCloud } from '../../src/charts/build-word-cloud.ts';
import type { ChartFrame } from '../../src/charts/chart-spec.ts';
import { PHONE_WIDTH } from '../../src/charts/frame-options.ts';
import { palette } from '../../src/charts/palette.ts';
import { createLocalRenderer } from '../../src/charts/render-locally.ts';
import { orderCategories } from '../../src/domain/summarise-answers.ts';
import { countColour, differingShare, readPng } from '../helpers/read-png.ts';

const renderer = createLocalRenderer();
const en: ChartFrame = {
  title: 'Is the school open?',
  caption: 'Weekly check · 2026-09-12 · All regions · 100 responses',
  locale: 'en',
  direction: 'ltr',
};
// As the Arabic catalogue words it: a Latin poll name and a date isolated inside Arabic text.
const ar: ChartFrame = {
  title: 'هل المدرسة مفتوحة؟ \u2068(School Status)\u2069',
  caption: 'كل المناطق — \u20682026-09-12\u2069 — \u2068100\u2069',
  locale: 'ar',
  direction: 'rtl',
};
const [blue, orange] = [palette[0], palette[1]];

test('a 75/25 pie is a PNG of the chart’s size, three parts blue to one part orange', async () => {
  const spec = buildCategoryChart(
    en,
    orderCategories(
      ['Yes', 'No'],
      new Map([
        ['Yes', 75],
        ['No', 25],
      ]),
    ),
    'Answers',
  );
  const pixels = await readPng(await renderer.render(spec));
  assert.equal(pixels.width, spec.width);
  assert.equal(pixels.height, spec.height);
  const ratio = countColour(pixels, blue) / countColour(pixels, orange);
  // Legend swatches add a few pixels of each; the slices dominate.
  assert.ok(Math.abs(ratio - 3) < 0.15, `blue:orange is ${ratio.toFixed(2)}, not 3`);
  assert.ok(countColour(pixels, '#ffffff') > pixels.width * pixels.height * 0.3, 'drawn on white');
});

test('a pie and 20 regions’ bars fit a slow link: at most 40 KB each, drawn at a phone’s width', async () => {
  const pie = buildCategoryChart(
    en,
    orderCategories(
      ['Yes', 'No', 'Other'],
      new Map([
        ['Yes', 750_000],
        ['No', 200_000],
        ['Other', 50_000],
      ]),
    ),
    'Answers',
  );
  const bars = buildParticipationChart(
    en,
    Array.from({ length: 20 }, (_, i) => ({
      name: `District ${i + 1}`,
      participation: { asked: 1000, complete: 40 * i, partial: 10, empty: 990 - 40 * i },
    })),
    'Complete (%)',
  );
  for (const spec of [pie, bars]) {
    const png = await renderer.render(spec);
    assert.ok(png.length <= 40_000, `${spec.config.type}: ${png.length} bytes`);
    const pixels = await readPng(png);
    assert.equal(pixels.width, PHONE_WIDTH);
    // The palette keeps the chart's own colours exactly.
    assert.ok(countColour(pixels, blue, 2) > 20_000, `${spec.config.type}: blue is not the palette’s`);
  }
});

test('bars are as long as their share: 80% complete is twice 40%', async () => {
  const spec = buildParticipationChart(
    en,
    [
      { name: 'Kampala', participation: { asked: 10, complete: 8, partial: 0, empty: 2 } },
      { name: 'Gulu', participation: { asked: 10, complete: 4, partial: 0, empty: 6 } },
    ],
    'Complete (%)',
  );
  const pixels = await readPng(await renderer.render(spec));
  // Bars are equally thick, so their areas compare as their lengths.
  const rows = barLengths(pixels, blue);
  assert.equal(rows.length, 2);
  assert.ok(Math.abs(rows[0]! / rows[1]! - 2) < 0.05, `bars ${rows.join(' and ')}`);
});

test('a word cloud of 200 words, a trend and a map are drawn in their colours', async () => {
  const words = Array.from({ length: 200 }, (_, i) => ({ word: `${i % 2 ? 'maji' : 'ماء'}${i}`, count: 200 - i }));
  const cloud = await readPng(await renderer.render(buildWordCloud(en, words)));
  for (const colour of palette.slice(0, 3)) assert.ok(countColour(cloud, colour, 24) > 200, `cloud has ${colour}`);

  const trend = await readPng(
    await renderer.render(
      buildTrendChart(
        en,
        [
          {
            label: 'Attendance',
            points: [
              { day: '2026-09-01', value: 1 },
              { day: '2026-09-08', value: 3 },
            ],
          },
        ],
        'Pupils',
      ),
    ),
  );
  assert.ok(countColour(trend, blue, 24) > 300, 'the line is drawn');

  const square = (x: number) => ({
    type: 'MultiPolygon' as const,
    coordinates: [
      [
        [
          [x, 0],
          [x + 1, 0],
          [x + 1, 1],
          [x, 1],
          [x, 0],
        ],
      ],
    ],
  });
  const map = await readPng(
    await renderer.render(
      buildMapChart(
        en,
        [
          { name: 'A', geometry: square(30), value: 0 },
          { name: 'B', geometry: square(31), value: 100 },
        ],
        'Complete (%)',
      ),
    ),
  );
  // Viridis runs from dark purple (lowest) to yellow (highest); each region takes its end.
  assert.ok(countColour(map, '#440154', 24) > 10_000, 'the lowest region is dark purple');
  assert.ok(countColour(map, '#fde725', 24) > 10_000, 'the highest region is yellow');
});

test('an Arabic chart shapes its words and reads right to left, as in the reference picture', async () => {
  const spec = buildCategoryChart(
    ar,
    orderCategories(
      ['نعم', 'لا'],
      new Map([
        ['نعم', 75],
        ['لا', 25],
      ]),
    ),
    'الإجابات',
  );
  const png = await renderer.render(spec);
  const reference = new URL('./reference/arabic-pie.png', import.meta.url);
  // UPDATE_REFERENCE=1 writes a new reference; look at it before committing it.
  if (process.env.UPDATE_REFERENCE) writeFileSync(reference, png);
  const [drawn, kept] = [await readPng(png), await readPng(readFileSync(reference))];
  const share = differingShare(drawn, kept);
  assert.ok(share < 0.005, `${(share * 100).toFixed(2)}% of the picture differs from the reference`);
  // The title and caption are where shaping and direction show: held to the same standard on their own.
  const text = differingShare(drawn, kept, { top: 0, bottom: 100 });
  assert.ok(text < 0.005, `${(text * 100).toFixed(2)}% of the title and caption differ from the reference`);
});

test('a right-to-left trend keeps its newest date whole: no text touches the picture’s edges', async () => {
  const days = ['2026-09-01', '2026-09-02', '2026-09-15', '2026-10-20', '2026-11-27'];
  const lines = [
    { label: 'كمبالا', points: days.map((day, i) => ({ day, value: 40 + 10 * i })) },
    { label: 'غولو', points: days.slice(1).map((day, i) => ({ day, value: 20 + 5 * i })) },
  ];
  for (const frame of [ar, en]) {
    const spec = buildTrendChart(frame, lines, 'المكتملة (%)', undefined, 100);
    const pixels = await readPng(await renderer.render(spec));
    // The date labels sit in the band under the plot; an end label drawn past the edge darkens
    // the outermost columns.
    const band = { y0: pixels.height - 90, y1: pixels.height - 45 };
    assert.ok(
      darkPixels(pixels, { x0: 0, x1: 6, ...band }) === 0,
      `${frame.direction}: a date label runs off the left edge`,
    );
    assert.ok(
      darkPixels(pixels, { x0: pixels.width - 6, x1: pixels.width, ...band }) === 0,
      `${frame.direction}: a date label runs off the right edge`,
    );
    assert.ok(darkPixels(pixels, { x0: 0, x1: pixels.width, ...band }) > 200, 'the dates are written');
    assert.ok(countColour(pixels, blue, 24) > 300, 'the first line is drawn');
  }
});

/** Lengths of the horizontal runs of a colour, one per bar (rows of the same bar merged). */
function barLengths(pixels: { width: number; height: number; data: Uint8ClampedArray }, hex: string): number[] {
  const lengths: number[] = [];
  let previous = 0;
  for (let y = 0; y < pixels.height; y++) {
    const row = {
      width: pixels.width,
      height: 1,
      data: pixels.data.subarray(y * pixels.width * 4, (y + 1) * pixels.width * 4),
    };
    const length = countColour(row, hex, 4);
    if (length > 20 && previous === 0) lengths.push(length);
    previous = length > 20 ? length : 0;
  }
  return lengths;
}

function darkPixels(
  pixels: { width: number; data: Uint8ClampedArray },
  box: { x0: number; x1: number; y0: number; y1: number },
): number {
  let n = 0;
  for (let y = Math.floor(box.y0); y < box.y1; y++) {
    for (let x = Math.floor(box.x0); x < box.x1; x++) {
      const i = (y * pixels.width + x) * 4;
      if (pixels.data[i]! < 128 && pixels.data[i + 1]! < 128 && pixels.data[i + 2]! < 128) n++;
    }
  }
  return n;
}
