// The same Chart.js configuration rendered by QuickChart (quickchart.io or a self-hosted one) and
// fetched as a PNG, for deployments that would rather not draw charts in the bot's process.
import QuickChartModule from 'quickchart-js';
import { BACKGROUND, type ChartRenderer, type ChartSpec } from './chart-spec.ts';

// The package's ES module exports the class itself; its type declarations describe the CommonJS
// build, where the class sits under `default`.
const QuickChart = QuickChartModule as unknown as typeof QuickChartModule.default;

/** QuickChart's Chart.js major version our configurations are written for. */
const CHART_JS_VERSION = '4';

export function createQuickChartRenderer(serverUrl: string): ChartRenderer {
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
      return chart.toBinary();
    },
  };
}
