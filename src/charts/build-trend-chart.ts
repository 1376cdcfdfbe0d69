// Values over time, one point per date: the average (or sum) of a numeric question per poll run,
// the share of contacts who completed per region, or TracPro's Recent Indicators, where a
// follow-up is drawn against its baseline. Dates sit on a time scale, at their real distance.
import type { ChartDataset } from 'chart.js';
import type { ChartFrame, ChartSpec } from './chart-spec.ts';
import { frameFields, frameOptions, PHONE_WIDTH, timeAxes, timeLabels } from './frame-options.ts';
import { otherColour, palette } from './palette.ts';
import { toSparkline } from './draw-in-text.ts';
import { formatCount, formatShare } from './format-figures.ts';

export interface TrendLine {
  label: string;
  points: readonly { day: string; value: number }[];
  /** A colour of its own (e.g. grey for "Others"); otherwise the next of the palette. */
  colour?: string;
}

/** A point of a time-scale chart: the date as `YYYY-MM-DD`, read by the date adapter. */
type TimePoint = { x: string; y: number };

const HEIGHT = 480;

/**
 * `reference`, when given, is drawn as a dashed grey level across the whole chart (a baseline).
 * `max` fixes the top of the value axis (100 for percentages).
 */
export function buildTrendChart(
  frame: ChartFrame,
  lines: readonly TrendLine[],
  valueTitle: string,
  reference?: { label: string; value: number },
  max?: number,
): ChartSpec {
  const days = [...new Set(lines.flatMap((line) => line.points.map((p) => p.day)))].sort();
  let next = 0;
  const datasets: ChartDataset<'line', TimePoint[]>[] = lines.map((line) => {
    const colour = line.colour ?? palette[next++ % palette.length]!;
    return {
      label: line.label,
      // A date a line has no value for has no point: the line goes straight on to the next one.
      data: [...line.points].sort((a, b) => a.day.localeCompare(b.day)).map((p) => ({ x: p.day, y: p.value })),
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 3,
      pointRadius: 4,
      spanGaps: true,
    };
  });
  if (reference && days.length > 0) {
    datasets.push({
      label: reference.label,
      data: [days[0]!, days.at(-1)!].map((day) => ({ x: day, y: reference.value })),
      borderColor: otherColour,
      backgroundColor: otherColour,
      borderWidth: 2,
      pointRadius: 0,
      spanGaps: true,
      borderDash: [8, 6],
    });
  }
  return {
    width: PHONE_WIDTH,
    text: trendText(frame, lines, reference, max),
    height: HEIGHT,
    ...frameFields(frame),
    config: {
      type: 'line',
      // Chart.js types points as numbers; the time scale reads ISO dates as well.
      data: { labels: timeLabels(days), datasets: datasets as unknown as ChartDataset<'line'>[] },
      options: {
        ...frameOptions(frame, datasets.length > 1 ? 'bottom' : 'none'),
        scales: timeAxes(frame, valueTitle, days, { max }),
      },
    },
  };
}

/** Each line as a sparkline from its first value to its last, on the chart's own scale (from 0). */
function trendText(
  frame: ChartFrame,
  lines: readonly TrendLine[],
  reference: { label: string; value: number } | undefined,
  max: number | undefined,
): string[] {
  // A scale of 100 is percentages.
  const format = (value: number) =>
    max === 100 ? formatShare(frame.locale, value / 100) : formatCount(frame.locale, value);
  const top = max ?? Math.max(0, ...lines.flatMap((line) => line.points.map((p) => p.value)), reference?.value ?? 0);
  const text = lines
    .filter((line) => line.points.length > 0)
    .map((line) => {
      const values = [...line.points].sort((a, b) => a.day.localeCompare(b.day)).map((p) => p.value);
      const ends = values.length > 1 ? `${format(values[0]!)} → ${format(values.at(-1)!)}` : format(values[0]!);
      return `${line.label}: ${toSparkline(values, 0, top)} ${ends}`;
    });
  if (reference) text.push(`${reference.label}: ${format(reference.value)}`);
  return text;
}
