// A figure per region on the regions' own boundaries (RapidPro's administrative boundaries with
// geometry), shaded from light to dark with a scale that colour-blind readers can follow.
import { rewind } from '@turf/rewind';
import type { Geometry } from 'geojson';
import type { ChartFrame, ChartSpec } from './chart-spec.ts';
import { frameFields, frameOptions, TEXT_SIZE } from './frame-options.ts';
import { textColour } from './palette.ts';

export interface MapArea {
  name: string;
  /** GeoJSON geometry as RapidPro serves it (a MultiPolygon in longitude/latitude). */
  geometry: Geometry;
  value: number;
}

const WIDTH = 800;
const HEIGHT = 720;

export function buildMapChart(frame: ChartFrame, areas: readonly MapArea[], valueTitle: string): ChartSpec {
  return {
    width: WIDTH,
    height: HEIGHT,
    ...frameFields(frame),
    config: {
      type: 'choropleth',
      data: {
        labels: areas.map((a) => a.name),
        datasets: [
          {
            label: valueTitle,
            outline: areas.map((a) => feature(a)),
            // `label`: the name chartjs-plugin-datalabels writes (QuickChart bundles it); the
            // local renderer writes names with its own plugin (name-regions.ts).
            data: areas.map((a) => ({ feature: feature(a), value: a.value, label: a.name })),
            borderColor: '#ffffff',
            borderWidth: 1,
          },
        ],
      },
      options: {
        ...frameOptions(frame, 'none'),
        plugins: {
          ...frameOptions(frame, 'none').plugins,
          // QuickChart draws no names on a map unless datalabels is told to, in plain options.
          datalabels: {
            display: true,
            color: textColour,
            backgroundColor: '#ffffffcc',
            borderRadius: 3,
            font: { size: TEXT_SIZE - 2 },
          },
        } as ReturnType<typeof frameOptions>['plugins'],
        scales: {
          projection: { axis: 'x', projection: 'mercator' },
          color: {
            axis: 'x',
            interpolate: 'viridis',
            legend: { position: frame.direction === 'rtl' ? 'bottom-left' : 'bottom-right', align: 'right' },
            // Values are percentages (0–100): the legend says so. Plain options, for QuickChart too.
            ticks: { font: { size: 14 }, format: { style: 'unit', unit: 'percent', maximumFractionDigits: 0 } },
          },
        },
      },
    },
  };
}

/**
 * GeoJSON (and RapidPro) wind outer rings anticlockwise; the map projection (d3-geo) reads them on
 * the sphere and takes an anticlockwise ring for everything outside it, so rings are reversed.
 */
function feature(area: MapArea) {
  return {
    type: 'Feature' as const,
    properties: { name: area.name },
    geometry: rewind(area.geometry, { reverse: true }) as Geometry,
  };
}
