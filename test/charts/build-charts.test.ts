import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCategoryChart, PIE_MAX_CATEGORIES } from '../../src/charts/build-category-chart.ts';
import { buildMapChart } from '../../src/charts/build-map-chart.ts';
import { buildParticipationChart } from '../../src/charts/build-participation-chart.ts';
import { buildTrendChart } from '../../src/charts/build-trend-chart.ts';
import { buildWordCloud, fitSizes } from '../../src/charts/build-word-cloud.ts';
import type { ChartFrame, ChartSpec } from '../../src/charts/chart-spec.ts';
import { otherColour, palette } from '../../src/charts/palette.ts';
import { toTimeRange } from '../../src/charts/time-range.ts';
import { orderCategories } from '../../src/domain/summarise-answers.ts';

const en: ChartFrame = {
  title: 'Is the school open?',
  caption: 'Weekly check · 2026-09-12 · All regions · 1,000,000 responses',
  locale: 'en',
  direction: 'ltr',
};
const ar: ChartFrame = { title: 'هل المدرسة مفتوحة؟', caption: 'فحص أسبوعي', locale: 'ar', direction: 'rtl' };

/** Every configuration is plain data, so QuickChart receives exactly what is drawn locally. */
function assertPlainData(spec: ChartSpec) {
  assert.deepEqual(JSON.parse(JSON.stringify(spec.config)), spec.config);
}

const dataset = (spec: ChartSpec) => spec.config.data.datasets[0]! as unknown as Record<string, unknown>;
const options = (spec: ChartSpec) => spec.config.options as Record<string, any>;

test('a categorical question is a pie in the flow’s order, "Other" last and grey, numbers in full', () => {
  const categories = orderCategories(
    ['Yes', 'Other', 'No'],
    new Map([
      ['No', 250_000],
      ['Yes', 750_000],
      ['Other', 1_000],
    ]),
  );
  const spec = buildCategoryChart(en, categories, 'Answers');
  assert.equal(spec.config.type, 'pie');
  assert.deepEqual(spec.config.data.labels, ['Yes: 750,000 (75%)', 'No: 250,000 (25%)', 'Other: 1,000 (0%)']);
  assert.deepEqual(dataset(spec).data, [750_000, 250_000, 1_000]);
  assert.deepEqual(dataset(spec).backgroundColor, [palette[0], palette[1], otherColour]);
  assert.deepEqual(options(spec).plugins.title.text, [en.title]);
  assert.deepEqual(options(spec).plugins.subtitle.text, [en.caption]);
  assert.equal(spec.alt, `${en.title}. ${en.caption}`);

  // A long caption (a filtered chart's) is broken between its parts, to stay inside the picture.
  const filtered = buildCategoryChart(
    { ...en, caption: 'Attendance · 2026-12-03 · Kampala · gender=female · group=Head Teachers · 35 responses' },
    categories,
    'Answers',
  );
  assert.deepEqual(options(filtered).plugins.subtitle.text, [
    'Attendance · 2026-12-03 · Kampala · gender=female',
    'group=Head Teachers · 35 responses',
  ]);
  assert.equal(spec.filename, 'is-the-school-open.png');
  assertPlainData(spec);
});

test('many categories become horizontal bars, mirrored in right-to-left languages', () => {
  const counts = new Map(Array.from({ length: PIE_MAX_CATEGORIES + 1 }, (_, i) => [`${i + 1}`, i + 1] as const));
  const categories = orderCategories([...counts.keys()], counts);
  const ltr = buildCategoryChart(en, categories, 'Answers');
  assert.equal(ltr.config.type, 'bar');
  assert.equal(options(ltr).indexAxis, 'y');
  assert.equal(options(ltr).scales.x.reverse, false);
  assert.equal(options(ltr).scales.y.position, 'left');
  const rtl = buildCategoryChart(ar, categories, 'الإجابات');
  assert.equal(options(rtl).scales.x.reverse, true);
  assert.equal(options(rtl).scales.y.position, 'right');
  assert.equal(options(rtl).plugins.legend.display, false);
  // Taller with every bar, so bars keep a readable thickness on a phone.
  assert.ok(rtl.height > 400);
  assertPlainData(rtl);
});

test('participation by region is sorted by the share complete, with counts beside each name', () => {
  const spec = buildParticipationChart(
    en,
    [
      { name: 'Gulu', participation: { asked: 200, complete: 50, partial: 10, empty: 140 } },
      { name: 'Kampala', participation: { asked: 3_000_000, complete: 2_400_000, partial: 0, empty: 600_000 } },
      { name: 'Lira', participation: { asked: 0, complete: 0, partial: 0, empty: 0 } },
    ],
    'Complete (%)',
  );
  assert.deepEqual(spec.config.data.labels, ['Kampala (2,400,000/3,000,000)', 'Gulu (50/200)', 'Lira (0/0)']);
  assert.deepEqual(dataset(spec).data, [80, 25, 0]);
  assert.equal(options(spec).scales.x.max, 100);
  assertPlainData(spec);
});

test('a trend places dates on a time scale, with no point where a line has no value, and a dashed reference', () => {
  const spec = buildTrendChart(
    en,
    [
      {
        label: 'Attendance',
        points: [
          { day: '2026-09-08', value: 140 },
          { day: '2026-09-01', value: 100 },
        ],
      },
      { label: 'Kampala', points: [{ day: '2026-09-15', value: 30 }] },
    ],
    'Pupils',
    { label: 'Enrolment', value: 160 },
  );
  assert.equal(spec.config.type, 'line');
  const x = options(spec).scales.x;
  assert.equal(x.type, 'time');
  assert.equal(x.time.unit, 'day');
  assert.equal(x.ticks.source, 'labels');
  // A little room beyond both ends, so the end labels are whole.
  assert.deepEqual([x.min, x.max], ['2026-08-31', '2026-09-16']);
  assert.deepEqual(spec.config.data.labels, ['2026-09-01', '2026-09-08', '2026-09-15']);
  const [attendance, kampala, enrolment] = spec.config.data.datasets as unknown as Record<string, unknown>[];
  assert.deepEqual(attendance!.data, [
    { x: '2026-09-01', y: 100 },
    { x: '2026-09-08', y: 140 },
  ]);
  assert.deepEqual(kampala!.data, [{ x: '2026-09-15', y: 30 }]);
  assert.deepEqual(enrolment!.data, [
    { x: '2026-09-01', y: 160 },
    { x: '2026-09-15', y: 160 },
  ]);
  assert.deepEqual(enrolment!.borderDash, [8, 6]);
  assert.equal(options(spec).plugins.legend.display, true);
  assert.equal(options(spec).locale, 'en');
  const rtl = options(buildTrendChart(ar, [{ label: 'x', points: [{ day: '2026-09-01', value: 1 }] }], 'y'));
  assert.equal(rtl.scales.x.reverse, true);
  assert.equal(rtl.scales.y.position, 'right');
  assert.equal(rtl.locale, 'ar');
  assertPlainData(spec);
});

test('dates a day apart are placed a day apart and only the newest of them is labelled', () => {
  const days = ['2026-09-01', '2026-09-02', '2026-09-15', '2026-10-20', '2026-11-27'];
  const range = toTimeRange(days);
  assert.deepEqual(range.labelled, ['2026-09-02', '2026-09-15', '2026-10-20', '2026-11-27']);
  assert.deepEqual([range.min, range.max], ['2026-08-27', '2026-12-02']);
  assert.deepEqual(toTimeRange(['2026-09-01']), { min: '2026-08-31', max: '2026-09-02', labelled: ['2026-09-01'] });
});

test('a word cloud sizes words by frequency and shrinks them together to fit', () => {
  const words = [
    { word: 'water', count: 100 },
    { word: 'books', count: 25 },
    { word: 'desks', count: 1 },
  ];
  const spec = buildWordCloud(en, words);
  assert.equal(spec.config.type, 'wordCloud');
  assert.deepEqual(spec.config.data.labels, ['water', 'books', 'desks']);
  const sizes = dataset(spec).data as number[];
  assert.ok(sizes[0]! > sizes[1]! && sizes[1]! > sizes[2]!);
  // Words lie flat: rotated Arabic is hard to read.
  assert.equal(dataset(spec).rotationSteps, 1);
  assertPlainData(spec);

  // 200 near-equal words: the cloud keeps as many as fit at a readable size, inside the budget,
  // rather than drawing all of them at one small size that overflows it.
  const many = Array.from({ length: 200 }, (_, i) => ({ word: `word${i}`, count: 1000 - i }));
  const budget = 50_000;
  const fitted = fitSizes(many, budget);
  const area = fitted.reduce((sum, size, i) => sum + size ** 2 * 0.6 * many[i]!.word.length, 0);
  assert.ok(area <= budget * 1.01, `area ${area} over the budget`);
  assert.ok(Math.min(...fitted) >= 11, `smallest ${Math.min(...fitted)}`);
  assert.ok(fitted.length > 20 && fitted.length < 200, `${fitted.length} words kept`);
  const cloud = buildWordCloud(en, many);
  assert.ok(cloud.config.data.labels!.length < 200);
  assert.equal(cloud.config.data.labels!.length, (dataset(cloud).data as number[]).length);
  assert.deepEqual(fitSizes(words, 1e9).map(Math.round), [64, 38, 17]);
});

test('a map shades each region by its value, with rings wound the way the projection reads them', () => {
  const square = {
    type: 'MultiPolygon' as const,
    coordinates: [
      [
        [
          [32, 0],
          [32.5, 0],
          [32.5, 0.5],
          [32, 0.5],
          [32, 0],
        ],
      ],
    ],
  };
  const spec = buildMapChart(en, [{ name: 'Kampala', geometry: square, value: 80 }], 'Complete (%)');
  assert.equal(spec.config.type, 'choropleth');
  const [point] = dataset(spec).data as { feature: { geometry: { coordinates: number[][][][] } }; value: number }[];
  assert.equal(point!.value, 80);
  // Through QuickChart, its datalabels plugin writes each region's name and figure, as the local
  // renderer does: one region alone, a single shade, still says its figure.
  assert.equal((point as unknown as { label: string }).label, 'Kampala\n80%');
  assert.deepEqual(spec.config.data.labels, ['Kampala\n80%']);
  assert.equal(options(spec).plugins.datalabels.display, true);
  // Clockwise on the map: the anticlockwise ring RapidPro sends, reversed.
  assert.deepEqual(point!.feature.geometry.coordinates[0]![0], [
    [32, 0],
    [32, 0.5],
    [32.5, 0.5],
    [32.5, 0],
    [32, 0],
  ]);
  assert.deepEqual(square.coordinates[0]![0]![1], [32.5, 0], 'the input is left as it was');
  assertPlainData(spec);
});
