// A figure per region on the regions' own boundaries (RapidPro's administrative boundaries with
// geometry), shaded from light to dark with a scale that colour-blind readers can follow.
import { rewind } from '@turf/rewind';
import type { Geometry } from 'geojson';
import type { ChartFrame, ChartSpec } from './chart-spec.ts';
import { formatShare } from './format-figures.ts';
import { toBar } from './draw-in-text.ts';
import { frameFields, frameOptions, PHONE_WIDTH, TEXT_SIZE } from './frame-options.ts';
import { textColour } from './palette.ts';

export interface MapArea {
  name: string;
  /** GeoJSON geometry as RapidPro serves it (a MultiPolygon in longitude/latitude). */
  geometry: Geometry;
  value: number;
}

const HEIGHT = 600;
/** So few regions that each has room for its name and figure in large type. */
const FEW_REGIONS = 3;

export function buildMapChart(frame: ChartFrame, areas: readonly MapArea[], valueTitle: string): ChartSpec {
  // Each region is named with its figure, so one region alone (a single shade) still says it.
  const labels = areas.map((a) => `${a.name}\n${formatShare(frame.locale, a.value / 100)}`);
  const text = [...areas]
    .sort((a, b) => b.value - a.value)
    .map((a) =>
      [toBar(a.value / 100), `${a.name} ${formatShare(frame.locale, a.value / 100)}`].filter(Boolean).join(' '),
    );
  return {
    width: PHONE_WIDTH,
    text,
    height: HEIGHT,
    ...frameFields(frame),
    config: {
      type: 'choropleth',
      data: {
        labels,
        datasets: [
          {
            label: valueTitle,
            outline: areas.map((a) => feature(a)),
            // `label`: the name chartjs-plugin-datalabels writes (QuickChart bundles it); the
            // local renderer writes names with its own plugin (name-regions.ts).
            data: areas.map((a, i) => ({ feature: feature(a), value: a.value, label: labels[i] })),
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
            font: { size: areas.length <= FEW_REGIONS ? TEXT_SIZE + 8 : TEXT_SIZE - 2 },
          },
        } as ReturnType<typeof frameOptions>['plugins'],
        scales: {
          projection: { axis: 'x', projection: 'mercator' },
          color: {
            axis: 'x',
            interpolate: 'viridis',
            legend: { position: frame.direction === 'rtl' ? 'bottom-left' : 'bottom-right', align: 'right' },
            // Values are percentages, on the whole 0–100 scale: a shade means the same on every
            // map, and regions all at one figure (one region, everyone at 0 %) have a scale to sit
            // on. The legend says percent; Chart.js sets the fraction digits from the ticks' step,
            // so both ends are given. Plain options, for QuickChart too.
            min: 0,
            max: 100,
            ticks: {
              font: { size: 14 },
              format: { style: 'unit', unit: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 0 },
            },
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
