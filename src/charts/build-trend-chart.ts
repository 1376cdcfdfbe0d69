// A value over time, one point per date: the average (or sum) of a numeric question per poll
// run, or TracPro's Recent Indicators, where a follow-up is drawn against its baseline.
import type { ChartDataset } from 'chart.js';
import type { ChartFrame, ChartSpec } from './chart-spec.ts';
import { frameFields, frameOptions, timeAxes } from './frame-options.ts';
import { otherColour, palette } from './palette.ts';

export interface TrendLine {
  label: string;
  points: readonly { day: string; value: number }[];
}

const WIDTH = 800;
const HEIGHT = 560;

/** `reference`, when given, is drawn as a dashed grey level across the whole chart (a baseline). */
export function buildTrendChart(
  frame: ChartFrame,
  lines: readonly TrendLine[],
  valueTitle: string,
  reference?: { label: string; value: number },
): ChartSpec {
  const days = [...new Set(lines.flatMap((line) => line.points.map((p) => p.day)))].sort();
  const datasets: ChartDataset<'line', (number | null)[]>[] = lines.map((line, i) => {
    const byDay = new Map(line.points.map((p) => [p.day, p.value]));
    return {
      label: line.label,
      // A date a line has no value for is a gap, not a zero.
      data: days.map((day) => byDay.get(day) ?? null),
      borderColor: palette[i % palette.length]!,
      backgroundColor: palette[i % palette.length]!,
      borderWidth: 3,
      pointRadius: 4,
      spanGaps: true,
    };
  });
  if (reference) {
    datasets.push({
      label: reference.label,
      data: days.map(() => reference.value),
      borderColor: otherColour,
      backgroundColor: otherColour,
      borderWidth: 2,
      pointRadius: 0,
      spanGaps: true,
      borderDash: [8, 6],
    });
  }
  return {
    width: WIDTH,
    height: HEIGHT,
    ...frameFields(frame),
    config: {
      type: 'line',
      data: { labels: days, datasets },
      options: {
        ...frameOptions(frame, datasets.length > 1 ? 'bottom' : 'none'),
        scales: timeAxes(frame, valueTitle),
      },
    },
  };
}
