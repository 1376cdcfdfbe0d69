// `CHARTS=local` (the default) draws in-process; `CHARTS=quickchart` posts to QUICKCHART_URL.
import type { Config } from '../config.ts';
import type { ChartRenderer } from './chart-spec.ts';
import { createLocalRenderer } from './render-locally.ts';
import { createQuickChartRenderer } from './render-with-quickchart.ts';

export function createChartRenderer(config: Pick<Config, 'CHARTS' | 'QUICKCHART_URL'>): ChartRenderer {
  return config.CHARTS === 'quickchart' ? createQuickChartRenderer(config.QUICKCHART_URL) : createLocalRenderer();
}
