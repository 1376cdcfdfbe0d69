// The same Chart.js configuration rendered by QuickChart (quickchart.io or a self-hosted one) and
// fetched as a PNG, for deployments that would rather not draw charts in the bot's process.
import pTimeout from 'p-timeout';
import QuickChartModule from 'quickchart-js';
import { BACKGROUND, ChartUnavailableError, type ChartRenderer, type ChartSpec } from './chart-spec.ts';

// The package's ES module exports the class itself; its type declarations describe the CommonJS
// build, where the class sits under `default`.
const QuickChart = QuickChartModule as unknown as typeof QuickChartModule.default;

/** QuickChart's Chart.js major version our configurations are written for. */
const CHART_JS_VERSION = '4';

/**
 * QuickChart draws a chart in a second or two. A server that does not answer must not hold a
 * person's `chart`, nor a digest, for ever: past this, the chart is given up. quickchart-js takes
 * no abort signal, so its request is left to finish or fail on its own.
 */
const TIME_LIMIT_MS = 10_000;

export function createQuickChartRenderer(serverUrl: string, timeLimitMs = TIME_LIMIT_MS): ChartRenderer {
  const url = new URL(serverUrl);
  return {
    async render(spec: ChartSpec): Promise<Buffer> {
      const chart = new QuickChart()
        .setScheme(url.protocol.replace(':', ''))
        .setHost(url.host)
        .setVersion(CHART_JS_VERSION)
        .setConfig(spec.config)
        .setWidth(spec.width)
        .setHeight(spec.height)
        .setDevicePixelRatio(1)
        .setBackgroundColor(BACKGROUND)
        .setFormat('png');
      try {
        return await pTimeout(chart.toBinary(), { milliseconds: timeLimitMs });
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        throw new ChartUnavailableError(
          url.host,
          timedOut ? timeLimitMs / 1000 : null,
          error instanceof Error ? error.message : String(error),
          { cause: error },
        );
      }
    },
  };
}
