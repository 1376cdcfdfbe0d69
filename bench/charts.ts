// bench/charts: render time (p50, p95) and PNG size of each chart kind with the local renderer,
// against the byte budget of a pie or bars (40 KB, a slow link's share), then peak memory over
// 1,000 renders of all kinds in turn, sampled every 100 (it should not grow).
//   npx tsx bench/charts.ts          # ITERATIONS=50 RENDERS=1000 by default
import { buildCategoryChart } from '../src/charts/build-category-chart.ts';
import { buildMapChart, type MapArea } from '../src/charts/build-map-chart.ts';
import { buildParticipationChart } from '../src/charts/build-participation-chart.ts';
import { buildTrendChart } from '../src/charts/build-trend-chart.ts';
import { buildWordCloud } from '../src/charts/build-word-cloud.ts';
import type { ChartFrame, ChartSpec } from '../src/charts/chart-spec.ts';
import { createLocalRenderer } from '../src/charts/render-locally.ts';
import { orderCategories } from '../src/domain/summarise-answers.ts';

const ITERATIONS = Number(process.env.ITERATIONS ?? 50);
const RENDERS = Number(process.env.RENDERS ?? 1000);
const WARM_UP = 3;
/** Bytes a pie or bars may take at a phone's width: about 10 s of EDGE. */
const BUDGET = 40_000;
const budgeted = new Set(['pie', 'pie (Arabic)', 'bars (12 categories)', 'participation (20 regions)']);

const frame: ChartFrame = {
  title: 'School open',
  caption: 'School Status · 2026-11-22 · All regions · 1,000,000 responses',
  locale: 'en',
  direction: 'ltr',
};
const ar: ChartFrame = {
  title: 'هل المدرسة مفتوحة؟',
  caption: 'كل المناطق · ١٬٠٠٠٬٠٠٠ رد',
  locale: 'ar',
  direction: 'rtl',
};
const square = (x: number, y: number): MapArea['geometry'] => ({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [x, y],
        [x + 0.5, y],
        [x + 0.5, y + 0.5],
        [x, y + 0.5],
        [x, y],
      ],
    ],
  ],
});
// Word counts fall off as in real answers: a few common words, a long tail.
const words = Array.from({ length: 200 }, (_, i) => ({
  word: `${i % 4 === 0 ? 'كلمة' : 'word'}${i}`,
  count: Math.round(1000 / (i + 1)),
}));

const kinds: Record<string, ChartSpec> = {
  pie: buildCategoryChart(
    frame,
    orderCategories(
      ['Yes', 'No', 'Other'],
      new Map([
        ['Yes', 750_000],
        ['No', 200_000],
        ['Other', 50_000],
      ]),
    ),
    'Answers',
  ),
  'pie (Arabic)': buildCategoryChart(
    ar,
    orderCategories(
      ['نعم', 'لا'],
      new Map([
        ['نعم', 75],
        ['لا', 25],
      ]),
    ),
    'الإجابات',
  ),
  'bars (12 categories)': buildCategoryChart(
    frame,
    orderCategories(
      Array.from({ length: 12 }, (_, i) => `Option ${i + 1}`),
      new Map(Array.from({ length: 12 }, (_, i) => [`Option ${i + 1}`, 100 * (i + 1)] as const)),
    ),
    'Answers',
  ),
  'participation (20 regions)': buildParticipationChart(
    frame,
    Array.from({ length: 20 }, (_, i) => ({
      name: `District ${i + 1}`,
      participation: { asked: 1000, complete: 40 * i, partial: 10, empty: 990 - 40 * i },
    })),
    'Completed (%)',
  ),
  'trend (12 dates)': buildTrendChart(
    frame,
    [
      {
        label: 'Boys present',
        points: Array.from({ length: 12 }, (_, i) => ({
          day: `2026-${String(i + 1).padStart(2, '0')}-01`,
          value: 4000 + 100 * i,
        })),
      },
    ],
    'Total',
    { label: 'Boys enrolled', value: 6000 },
  ),
  'response rate (9 lines, 12 dates, Arabic)': buildTrendChart(
    ar,
    Array.from({ length: 9 }, (_, line) => ({
      label: line === 0 ? 'كل المناطق' : `منطقة ${line}`,
      // Poll runs a week apart, with two a day apart: the time scale places them by distance.
      points: Array.from({ length: 12 }, (_, i) => ({
        day: new Date(Date.UTC(2026, 8, 1 + 7 * i - (i === 11 ? 6 : 0))).toISOString().slice(0, 10),
        value: 30 + line * 5 + i,
      })),
    })),
    'المكتملة (%)',
    undefined,
    100,
  ),
  'answers over time (5 categories, 12 dates)': buildTrendChart(
    frame,
    ['Yes', 'No', 'Sometimes', 'Closed', 'Other'].map((label, c) => ({
      label,
      points: Array.from({ length: 12 }, (_, i) => ({
        day: `2026-${String(i + 1).padStart(2, '0')}-15`,
        value: 20 + ((c + i) % 5),
      })),
    })),
    'Share of answers (%)',
    undefined,
    100,
  ),
  'word cloud (200 words)': buildWordCloud(frame, words),
  'map (100 regions)': buildMapChart(
    frame,
    Array.from({ length: 100 }, (_, i) => ({
      name: `D${i + 1}`,
      geometry: square(30 + (i % 10) * 0.5, Math.floor(i / 10) * 0.5),
      value: i,
    })),
    'Completed (%)',
  ),
};

const renderer = createLocalRenderer();
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

console.log(`| chart | p50 | p95 | PNG size | within ${BUDGET / 1000} KB |`);
console.log(`|---|---|---|---|---|`);
for (const [name, spec] of Object.entries(kinds)) {
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < ITERATIONS + WARM_UP; i++) {
    const started = performance.now();
    const png = await renderer.render(spec);
    if (i >= WARM_UP) times.push(performance.now() - started);
    size = png.length;
  }
  times.sort((a, b) => a - b);
  console.log(
    `| ${name} | ${percentile(times, 50).toFixed(0)} ms | ${percentile(times, 95).toFixed(0)} ms | ${(size / 1000).toFixed(1)} KB | ${budgeted.has(name) ? (size <= BUDGET ? 'yes' : '**no**') : '—'} |`,
  );
}

const specs = Object.values(kinds);
const samples: string[] = [];
let peak = 0;
for (let i = 1; i <= RENDERS; i++) {
  await renderer.render(specs[i % specs.length]!);
  const rss = process.memoryUsage().rss;
  peak = Math.max(peak, rss);
  if (i % (RENDERS / 10) === 0) samples.push(`${(rss / 2 ** 20).toFixed(0)}`);
}
console.log(
  `\nRSS after each tenth of ${RENDERS} renders (MiB): ${samples.join(' / ')}; peak ${(peak / 2 ** 20).toFixed(0)} MiB`,
);
