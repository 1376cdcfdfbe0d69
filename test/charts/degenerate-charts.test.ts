// Every chart kind over degenerate data — 0 %, 100 %, one region, one date, no answers, one
// category, huge counts, Arabic-only labels — drawn in one process by one renderer, each followed
// by an ordinary chart: no input may fail to draw, nor spoil the drawings after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildCategoryChart } from '../../src/charts/build-category-chart.ts';
import { buildMapChart, type MapArea } from '../../src/charts/build-map-chart.ts';
import { buildParticipationChart } from '../../src/charts/build-participation-chart.ts';
import { buildTrendChart } from '../../src/charts/build-trend-chart.ts';
import { buildWordCloud } from '../../src/charts/build-word-cloud.ts';
import type { ChartFrame, ChartSpec } from '../../src/charts/chart-spec.ts';
import { palette } from '../../src/charts/palette.ts';
import { createLocalRenderer } from '../../src/charts/render-locally.ts';
import { orderCategories } from '../../src/domain/summarise-answers.ts';
import { countColour, readPng } from '../helpers/read-png.ts';

const renderer = createLocalRenderer();
/** Each kind is drawn this many times: enough to meet every edge, few enough for a 2-core machine (RUNS=200 digs deeper). */
const RUNS = Number(process.env.RUNS ?? 12);

// Words as they come: Latin, Arabic only, digits, and one long enough to overflow anything.
const word = fc.oneof(
  fc.constantFrom('Yes', 'No', 'Other', 'نعم', 'لا', 'المدرسة مغلقة', 'Kampala', 'غولو', '0', 'x'),
  fc.constant('Ministère de l’Éducation nationale et de la Jeunesse, direction régionale'),
  fc
    .string({ unit: fc.constantFrom('ا', 'ب', 'ت', 'م', 'ل', ' '), minLength: 1, maxLength: 12 })
    .filter((s) => s.trim() !== ''),
);
const count = fc.oneof(fc.constantFrom(0, 1, 2, 1_000_000_000_000), fc.nat(5000));
const frame = fc.record<ChartFrame>({
  title: word,
  caption: word,
  locale: fc.constantFrom('en', 'fr', 'ar'),
  direction: fc.constantFrom('ltr', 'rtl'),
});
const day = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((t) => new Date(t).toISOString().slice(0, 10));
const percent = fc.oneof(
  fc.constantFrom(0, 100, 50),
  fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
);

const participation = fc.tuple(count, fc.double({ min: 0, max: 1, noNaN: true })).map(([asked, share]) => {
  const complete = Math.round(asked * share);
  return { asked, complete, partial: 0, empty: asked - complete };
});

/** A square of any size anywhere on the globe, down to a point. */
const square = fc
  .record({
    x: fc.double({ min: -179, max: 178, noNaN: true }),
    y: fc.double({ min: -80, max: 79, noNaN: true }),
    side: fc.constantFrom(0, 1e-9, 0.01, 0.5, 1),
  })
  .map(({ x, y, side }): MapArea['geometry'] => ({
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [x, y],
          [x + side, y],
          [x + side, y + side],
          [x, y + side],
          [x, y],
        ],
      ],
    ],
  }));

const kinds: Record<string, fc.Arbitrary<ChartSpec>> = {
  'pie or bars': fc
    .tuple(frame, fc.uniqueArray(word, { maxLength: 12 }), fc.array(count, { maxLength: 12 }))
    .map(([f, names, counts]) =>
      buildCategoryChart(f, orderCategories(names, new Map(names.map((n, i) => [n, counts[i] ?? 0]))), 'Answers'),
    ),
  participation: fc
    .tuple(frame, fc.array(fc.record({ name: word, participation }), { maxLength: 25 }))
    .map(([f, regions]) => buildParticipationChart(f, regions, 'Completed (%)')),
  trend: fc
    .tuple(
      frame,
      fc.array(fc.record({ label: word, points: fc.array(fc.record({ day, value: percent }), { maxLength: 12 }) }), {
        maxLength: 9,
      }),
      fc.option(fc.record({ label: word, value: count })),
      fc.constantFrom(undefined, 100),
    )
    .map(([f, lines, reference, max]) => buildTrendChart(f, lines, 'Total', reference ?? undefined, max)),
  'word cloud': fc
    .tuple(frame, fc.array(fc.record({ word, count: fc.integer({ min: 1, max: 1e9 }) }), { maxLength: 200 }))
    .map(([f, words]) => buildWordCloud(f, words)),
  map: fc
    .tuple(
      frame,
      fc.array(fc.record({ name: word, geometry: square, value: percent }), { minLength: 1, maxLength: 20 }),
    )
    .map(([f, areas]) => buildMapChart(f, areas, 'Completed (%)')),
};

/** An ordinary 75/25 pie, checked as a reader would see it. */
async function assertOrdinaryChartDraws(): Promise<void> {
  const spec = buildCategoryChart(
    { title: 'Is the school open?', caption: 'All regions', locale: 'en', direction: 'ltr' },
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
  const ratio = countColour(pixels, palette[0]) / countColour(pixels, palette[1]);
  assert.ok(Math.abs(ratio - 3) < 0.2, `blue:orange is ${ratio.toFixed(2)}, not 3`);
}

/** Drawn at its size, with its title written at the top (not a blank or a broken picture). */
async function assertDrawn(spec: ChartSpec): Promise<void> {
  const pixels = await readPng(await renderer.render(spec));
  assert.equal(pixels.width, spec.width);
  assert.equal(pixels.height, spec.height);
  let dark = 0;
  for (let i = 0; i < pixels.width * 70 * 4; i += 4) if (pixels.data[i]! < 128) dark++;
  assert.ok(dark > 20, 'the title is written');
}

for (const [kind, specs] of Object.entries(kinds)) {
  test(`${kind}: any degenerate data draws a picture, and the next chart is drawn right`, async () => {
    await fc.assert(
      fc.asyncProperty(specs, async (spec) => {
        await assertDrawn(spec);
        await assertOrdinaryChartDraws();
      }),
      { numRuns: RUNS, includeErrorInReport: true },
    );
  });
}

test('a chart that throws while it is drawn frees its canvas: the next chart is drawn right', async () => {
  // The colour scale's old options: one region at 0 % made chartjs-chart-geo ask Intl for 20
  // fraction digits at most 0, and Chart.js threw from inside its constructor.
  const spec = buildMapChart({ title: 'Map', caption: 'Gulu', locale: 'en', direction: 'ltr' }, [], '%');
  const options = spec.config.options as { scales: { color: Record<string, unknown> } };
  const { min: _min, max: _max, ...color } = options.scales.color;
  options.scales.color = { ...color, ticks: { format: { maximumFractionDigits: 0 } } };
  spec.config.data.datasets[0]!.data = [{ feature: fc.sample(square, 1)[0], value: 0 }] as never;
  await assert.rejects(renderer.render(spec), RangeError);
  await assertOrdinaryChartDraws();
  await assertOrdinaryChartDraws();
});

test('a map of one region at 0 % draws, and so does every chart after it', async () => {
  const gulu = { name: 'Gulu', geometry: fc.sample(square, 1)[0]!, value: 0 };
  await assertDrawn(buildMapChart({ title: 'Map', caption: 'Gulu', locale: 'en', direction: 'ltr' }, [gulu], '%'));
  await assertOrdinaryChartDraws();
});
