import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { buildCategoryChart } from '../../src/charts/build-category-chart.ts';
import { buildTrendChart } from '../../src/charts/build-trend-chart.ts';
import type { ChartSpec } from '../../src/charts/chart-spec.ts';
import { palette } from '../../src/charts/palette.ts';
import { createChartRenderer } from '../../src/charts/create-chart-renderer.ts';
import { createLocalRenderer } from '../../src/charts/render-locally.ts';
import { orderCategories } from '../../src/domain/summarise-answers.ts';
import { countColour, readPng } from '../helpers/read-png.ts';
import { serve } from '../helpers/serve.ts';

const spec = buildCategoryChart(
  { title: 'Is the school open?', caption: 'Weekly check', locale: 'en', direction: 'ltr' },
  orderCategories(
    ['Yes', 'No'],
    new Map([
      ['Yes', 75],
      ['No', 25],
    ]),
  ),
  'Answers',
);

/** The chart as QuickChart reads it: JavaScript source, evaluated apart, then brought over as data. */
function parseChart(source: string): unknown {
  return JSON.parse(JSON.stringify(runInNewContext(`(${source})`)));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Stands in for QuickChart's POST /chart: the chart arrives as JavaScript source (QuickChart
 * evaluates it in a sandbox, and so does this), and is drawn with Chart.js, as QuickChart would.
 */
async function startQuickChart(options: { fail?: string } = {}) {
  const local = createLocalRenderer();
  const requests: Record<string, unknown>[] = [];
  const server = await serve(async (req, res) => {
    const body = await readBody(req);
    requests.push({ path: req.url, method: req.method, ...body });
    if (options.fail) {
      res.writeHead(400, { 'x-quickchart-error': options.fail });
      res.end();
      return;
    }
    const config = parseChart(body.chart as string) as ChartSpec['config'];
    const png = await local.render({ ...spec, config, width: body.width as number, height: body.height as number });
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(png);
  });
  return { ...server, requests };
}

test('CHARTS=quickchart posts the same configuration and size, and returns the PNG it draws', async (t) => {
  const quickchart = await startQuickChart();
  t.after(quickchart.close);
  const renderer = createChartRenderer({ CHARTS: 'quickchart', QUICKCHART_URL: quickchart.url });
  const pixels = await readPng(await renderer.render(spec));

  const [request] = quickchart.requests;
  assert.equal(request!.method, 'POST');
  assert.equal(request!.path, '/chart');
  assert.deepEqual(parseChart(request!.chart as string), JSON.parse(JSON.stringify(spec.config)));
  assert.equal(request!.width, spec.width);
  assert.equal(request!.height, spec.height);
  assert.equal(request!.version, '4');
  assert.equal(request!.format, 'png');
  assert.equal(request!.backgroundColor, '#ffffff');
  assert.equal(pixels.width, spec.width);
  const ratio = countColour(pixels, palette[0]) / countColour(pixels, palette[1]);
  assert.ok(Math.abs(ratio - 3) < 0.15, `blue:orange is ${ratio.toFixed(2)}`);
});

test('a trend reaches QuickChart as plain data: a time scale, ISO dates, the reader’s locale', async (t) => {
  const quickchart = await startQuickChart();
  t.after(quickchart.close);
  const renderer = createChartRenderer({ CHARTS: 'quickchart', QUICKCHART_URL: quickchart.url });
  const trend = buildTrendChart(
    { title: 'نسبة الاستجابة', caption: 'كل المناطق', locale: 'ar', direction: 'rtl' },
    [
      {
        label: 'كمبالا',
        points: [
          { day: '2026-11-05', value: 40 },
          { day: '2026-11-27', value: 60 },
        ],
      },
    ],
    'المكتملة (%)',
    undefined,
    100,
  );
  await renderer.render(trend);
  const sent = parseChart(quickchart.requests[0]!.chart as string) as Record<string, any>;
  assert.deepEqual(sent, JSON.parse(JSON.stringify(trend.config)));
  assert.equal(sent.options.scales.x.type, 'time');
  assert.equal(sent.options.locale, 'ar');
  assert.deepEqual(sent.data.datasets[0].data, [
    { x: '2026-11-05', y: 40 },
    { x: '2026-11-27', y: 60 },
  ]);
  // Nothing in it is a date format of one adapter: QuickChart's own adapter reads the same options.
  assert.equal(sent.options.scales.x.time.displayFormats, undefined);
});

test('an error from QuickChart is an error, with QuickChart’s own words', async (t) => {
  const quickchart = await startQuickChart({ fail: 'Invalid chart type' });
  t.after(quickchart.close);
  const renderer = createChartRenderer({ CHARTS: 'quickchart', QUICKCHART_URL: quickchart.url });
  await assert.rejects(renderer.render(spec), /Invalid chart type/);
});
