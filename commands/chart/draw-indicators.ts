// `chart indicators <baseline> <follow-up> [region] [days]`: TracPro's Recent Indicators, a
// follow-up over time against its baseline.
import type { CommandContext } from '../../src/core/command.ts';
import { namesOf, resolveIndicator } from '../../src/core/indicator-target.ts';
import { toPercent } from '../../src/charts/format-figures.ts';
import { buildTrendChart } from '../../src/charts/build-trend-chart.ts';
import { frameFor, scopeName } from './describe-chart.ts';
import type { Drawing } from './drawing.ts';

export async function drawIndicators(ctx: CommandContext, args: string[]): Promise<Drawing> {
  const { baseline, followUp, region, summary, days } = await resolveIndicator(ctx, args);
  const title = ctx.t('charts:indicatorTitle', { baseline: baseline.name, followUp: followUp.name });
  if (summary.series.length === 0)
    return {
      heading: title,
      specs: [],
      notes: [ctx.t('commands:indicators.noFollowUp', { question: followUp.name, count: days })],
    };
  const frame = frameFor(
    ctx,
    title,
    ctx.t('charts:indicatorCaption', {
      scope: scopeName(ctx, { region }),
      count: summary.series.length,
      contacts: summary.baselineContacts,
    }),
  );
  // Like with like: each date as a share of the baseline of the regions asked on it (a start in
  // Kampala alone is not a drop from the whole organisation's level); the dates on which only some
  // regions were asked are named under the picture. Without a baseline, the sums themselves.
  const shares = summary.series.filter((p) => p.share !== null);
  const partial = summary.series.filter((p) => p.askedRegions && p.share !== null);
  const spec =
    shares.length > 0
      ? buildTrendChart(
          frame,
          [{ label: followUp.name, points: shares.map((p) => ({ day: p.day, value: toPercent(p.share!) })) }],
          ctx.t('charts:indicatorShareAxis'),
          { label: baseline.name, value: 100 },
        )
      : buildTrendChart(frame, [{ label: followUp.name, points: summary.series }], ctx.t('charts:total'));
  return {
    heading: title,
    specs: [spec],
    notes: [
      ...(shares.length > 0 ? [] : [ctx.t('commands:indicators.noBaseline', { question: baseline.name })]),
      ...partial.map((p) => ctx.t('charts:indicatorPartial', { day: p.day, regions: namesOf(ctx, p.askedRegions!) })),
    ],
  };
}
