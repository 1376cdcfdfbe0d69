// The same Chart.js configuration rendered by QuickChart (quickchart.io or a self-hosted one) and
// fetched as a PNG, for deployments that would rather not draw charts in the bot's process.
import ky from 'ky';
import QuickChartModule from 'quickchart-js';
import { BACKGROUND, ChartUnavailableError, type ChartRenderer, type ChartSpec } from './chart-spec.ts';

// The package's ES module exports the class itself; its type declarations describe the CommonJS
// build, where the class sits under `default`.
const QuickChart = QuickChartModule as unknown as typeof QuickChartModule.default;

/** QuickChart's Chart.js major version our configurations are written for. */
const CHART_JS_VERSION = '4';

/**
 * QuickChart draws a chart in a second or two. A server that does not answer must not hold a
 * person's `chart`, nor a digest, for ever: past this, the request is aborted (its connection
 * closed, whether the server is silent before the answer or in the middle of the picture).
 */
const TIME_LIMIT_MS = 10_000;

export function createQuickChartRenderer(serverUrl: string, timeLimitMs = TIME_LIMIT_MS): ChartRenderer {
  const url = new URL(serverUrl);
  return {
    async render(spec: ChartSpec): Promise<Buffer> {
      // quickchart-js writes the request as QuickChart reads it (the configuration as JavaScript
      // source); its own request takes no abort signal, so the request is ky's.
      const body = new QuickChart()
        .setVersion(CHART_JS_VERSION)
        .setConfig(spec.config)
        .setWidth(spec.width)
        .setHeight(spec.height)
        .setDevicePixelRatio(1)
        .setBackgroundColor(BACKGROUND)
        .setFormat('png')
        .getPostData();
      try {
        const response = await ky.post(new URL('/chart', url), {
          json: body,
          timeout: false,
          signal: AbortSignal.timeout(timeLimitMs),
          retry: 0,
          throwHttpErrors: false,
        });
        if (!response.ok) {
          // QuickChart says what it refused in a header.
          const reason = response.headers.get('x-quickchart-error');
          throw new Error(`Chart creation failed with status code ${response.status}${reason ? `\n${reason}` : ''}`);
        }
        return Buffer.from(await response.arrayBuffer());
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
