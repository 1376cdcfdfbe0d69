// `chart trend <poll> [region] [days]`: the share of the contacts asked who completed, per date,
// for the region and the regions below it.
import type { CommandContext } from '../../src/core/command.ts';
import { narrowScope, resolvePoll, resolveRegion } from '../../src/core/resolve.ts';
import { UserError } from '../../src/core/user-error.ts';
import { buildTrendChart } from '../../src/charts/build-trend-chart.ts';
import { toPercent } from '../../src/charts/format-figures.ts';
import { otherColour, palette } from '../../src/charts/palette.ts';
import { loadParticipationTrend } from '../../src/db/queries/load-participation-trend.ts';
import { localDay } from '../../src/domain/local-day.ts';
import { completionRate } from '../../src/domain/participation.ts';
import { toRateLines } from '../../src/domain/rate-lines.ts';
import { dateRange, frameFor, scopeName } from './describe-chart.ts';
import type { Drawing } from './drawing.ts';

/** How far back by default, and at most. */
const TREND_DAYS = 90;
const MAX_TREND_DAYS = 366;

export async function drawResponseRate(ctx: CommandContext, args: string[]): Promise<Drawing> {
  const [pollQuery, ...rest] = args;
  const poll = await resolvePoll(ctx, pollQuery!);
  const daysWord = rest.length > 0 && /^\d+$/.test(rest.at(-1)!) ? rest.pop()! : null;
  const days = daysWord === null ? TREND_DAYS : Number(daysWord);
  if (!Number.isInteger(days) || days < 1 || days > MAX_TREND_DAYS)
    throw new UserError('errors.badDays', { max: MAX_TREND_DAYS });
  const region = rest.length > 0 ? resolveRegion(ctx, rest.join(' ')) : null;
  const scope = narrowScope(ctx, region);
  const since = localDay(new Date(ctx.services.now().getTime() - days * 86_400_000), ctx.org.timezone);
  const counts = await loadParticipationTrend(ctx.services.sql, { pollId: poll.id, scope, since });
  const inScope = scope.all ? [...ctx.regions.byId.keys()] : scope.regionIds;
  const lines = toRateLines(counts, ctx.regions, inScope, region?.id ?? null);
  const title = ctx.t('charts:rateTitle', { poll: poll.name });
  const dates = lines[0]!.points.length;
  if (dates === 0)
    return { heading: title, specs: [], notes: [ctx.t('charts:noRuns', { poll: poll.name, count: days })] };
  const scopeLabel = scopeName(ctx, { region });
  const frame = frameFor(
    ctx,
    title,
    ctx.t('charts:rateCaption', {
      scope: scopeLabel,
      count: dates,
      days,
      ...dateRange(lines[0]!.points.map((p) => p.day)),
    }),
  );
  let next = 0;
  const drawn = lines.map((line) => ({
    // The scope's own line is black, the regions take the palette's other colours, "others" grey.
    label:
      line.key === 'scope'
        ? scopeLabel
        : line.key === 'others'
          ? ctx.t('charts:otherRegions')
          : ctx.regions.byId.get(line.key)!.name,
    colour: line.key === 'scope' ? palette[palette.length - 1] : line.key === 'others' ? otherColour : palette[next++],
    points: line.points.map((p) => ({ day: p.day, value: toPercent(completionRate(p.participation)) })),
  }));
  return {
    heading: title,
    specs: [buildTrendChart(frame, drawn, ctx.t('charts:completeAxis'), undefined, 100)],
    notes: [],
  };
}
