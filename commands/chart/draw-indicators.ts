// `chart indicators <baseline> <follow-up> [region] [days]`: TracPro's Recent Indicators, a
// follow-up over time against its baseline.
import type { CommandContext } from '../../src/core/command.ts';
import { resolveIndicator } from '../../src/core/indicator-target.ts';
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
  const reference = summary.baselineContacts > 0 ? { label: baseline.name, value: summary.baseline } : undefined;
  return {
    heading: title,
    specs: [
      buildTrendChart(frame, [{ label: followUp.name, points: summary.series }], ctx.t('charts:total'), reference),
    ],
    notes: reference ? [] : [ctx.t('commands:indicators.noBaseline', { question: baseline.name })],
  };
}
