// Participation of a poll run by region: one bar per region, the share of its contacts who
// completed the poll, highest first, with the counts beside each name.
import type { Participation } from '../domain/participation.ts';
import { completionRate } from '../domain/participation.ts';
import type { ChartFrame, ChartSpec } from './chart-spec.ts';
import { barAxes, frameFields, frameOptions, PHONE_WIDTH } from './frame-options.ts';
import { formatCount, formatShare, toPercent } from './format-figures.ts';
import { toBar } from './draw-in-text.ts';
import { palette } from './palette.ts';

const BAR_HEIGHT = 44;
const BAR_CHROME = 220;

export function buildParticipationChart(
  frame: ChartFrame,
  regions: readonly { name: string; participation: Participation }[],
  rateTitle: string,
): ChartSpec {
  const sorted = [...regions].sort(
    (a, b) => completionRate(b.participation) - completionRate(a.participation) || a.name.localeCompare(b.name),
  );
  const labels = sorted.map(
    (r) =>
      `${r.name} (${formatCount(frame.locale, r.participation.complete)}/${formatCount(frame.locale, r.participation.asked)})`,
  );
  const rates = sorted.map((r) => toPercent(completionRate(r.participation)));
  const text = sorted.map((r, i) =>
    [
      toBar(completionRate(r.participation)),
      `${labels[i]} ${formatShare(frame.locale, completionRate(r.participation))}`,
    ]
      .filter(Boolean)
      .join(' '),
  );
  return {
    width: PHONE_WIDTH,
    text,
    height: BAR_CHROME + BAR_HEIGHT * Math.max(1, sorted.length),
    ...frameFields(frame),
    config: {
      type: 'bar',
      data: { labels, datasets: [{ data: rates, backgroundColor: palette[0] }] },
      options: {
        ...frameOptions(frame, 'none'),
        indexAxis: 'y',
        scales: barAxes(frame, rateTitle, 100),
      },
    },
  };
}
