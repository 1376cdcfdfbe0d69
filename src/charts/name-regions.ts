// A map is only readable with the regions' names on it. chartjs-chart-geo draws shapes only, so
// this plugin writes each region's name at its centre, with a white halo to stay legible on any
// shade. (Through QuickChart, its datalabels plugin writes the names: see build-map-chart.ts.)
import type { Chart, Plugin } from 'chart.js';
import type { GeoFeature } from 'chartjs-chart-geo';
import { TEXT_SIZE } from './frame-options.ts';
import { textColour } from './palette.ts';

export const nameRegions: Plugin = {
  id: 'regionNames',
  afterDatasetsDraw(chart: Chart) {
    const meta = chart.getDatasetMeta(0);
    if (meta.type !== 'choropleth') return;
    const labels = (chart.data.labels ?? []) as string[];
    const { ctx } = chart;
    ctx.save();
    // The size the map asked of QuickChart's datalabels, so both renderers write names alike.
    const size =
      (chart.options.plugins as { datalabels?: { font?: { size?: number } } }).datalabels?.font?.size ?? TEXT_SIZE;
    ctx.font = `${size}px ${chart.options.font?.family ?? 'sans-serif'}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 4;
    ctx.strokeStyle = '#ffffff';
    ctx.fillStyle = textColour;
    const lineHeight = size * 1.2;
    meta.data.forEach((element, i) => {
      // A label is the region's name and, on a line below it, its figure.
      const lines = (labels[i] ?? '').split('\n').filter(Boolean);
      const { x, y } = (element as unknown as GeoFeature).getCenterPoint();
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      lines.forEach((line, n) => {
        const lineY = y + (n - (lines.length - 1) / 2) * lineHeight;
        ctx.strokeText(line, x, lineY);
        ctx.fillText(line, x, lineY);
      });
    });
    ctx.restore();
  },
};
