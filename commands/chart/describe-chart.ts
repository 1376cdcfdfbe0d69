// The words around a chart: its title, and a caption saying what it shows (poll, date, regions).
import type { CommandContext } from '../../src/core/command.ts';
import type { PollTarget } from '../../src/core/poll-target.ts';
import type { ChartFrame } from '../../src/charts/chart-spec.ts';

export function frameFor(ctx: CommandContext, title: string, caption: string): ChartFrame {
  return { title, caption, locale: ctx.lng, direction: ctx.direction };
}

export function scopeName(ctx: CommandContext, target: { region: { name: string } | null }): string {
  if (target.region) return target.region.name;
  return ctx.t(ctx.scope.all ? 'charts:allRegions' : 'charts:yourRegions');
}

export function caption(ctx: CommandContext, target: PollTarget, count: number): string {
  return ctx.t('charts:caption', { poll: target.poll.name, day: target.run.day, scope: scopeName(ctx, target), count });
}
