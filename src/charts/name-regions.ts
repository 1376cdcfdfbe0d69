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
    ctx.font = `${TEXT_SIZE - 2}px ${chart.options.font?.family ?? 'sans-serif'}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 4;
    ctx.strokeStyle = '#ffffff';
    ctx.fillStyle = textColour;
    meta.data.forEach((element, i) => {
      const name = labels[i];
      if (!name) return;
      const { x, y } = (element as unknown as GeoFeature).getCenterPoint();
      ctx.strokeText(name, x, y);
      ctx.fillText(name, x, y);
    });
    ctx.restore();
  },
};
