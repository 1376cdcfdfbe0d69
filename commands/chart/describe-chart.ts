// The words around a chart: its title, and a caption saying what it shows — poll, date or dates,
// the regions by name and the filters applied — so a picture forwarded on its own still says it.
import type { CommandContext } from '../../src/core/command.ts';
import type { PollTarget } from '../../src/core/poll-target.ts';
import type { ChartFrame } from '../../src/charts/chart-spec.ts';
import { topRegions } from '../../src/domain/region-tree.ts';

export function frameFor(ctx: CommandContext, title: string, caption: string): ChartFrame {
  return { title, caption, locale: ctx.lng, direction: ctx.direction };
}

/** The region asked for (or the user's regions, by name), then each filter as it was typed. */
export function scopeName(
  ctx: CommandContext,
  target: Pick<PollTarget, 'region'> & Partial<Pick<PollTarget, 'fields' | 'reporterGroup'>>,
): string {
  const where =
    target.region?.name ??
    (ctx.scope.all
      ? ctx.t('charts:allRegions')
      : topRegions(ctx.regions, ctx.scope.regionIds)
          .map((r) => r.name)
          .join(', '));
  const filters = Object.entries(target.fields ?? {}).map(([field, value]) => `${field}=${value}`);
  if (target.reporterGroup) filters.push(`group=${target.reporterGroup.name}`);
  return [where, ...filters].join(' · ');
}

export function caption(ctx: CommandContext, target: PollTarget, count: number): string {
  return ctx.t('charts:caption', { poll: target.poll.name, day: target.run.day, scope: scopeName(ctx, target), count });
}

/** The first and last of a series' dates, for a caption's `{{from}} – {{to}}`. */
export function dateRange(days: readonly string[]): { from: string; to: string } {
  const sorted = [...days].sort();
  return { from: sorted[0] ?? '', to: sorted.at(-1) ?? '' };
}
