// Which poll run a send is about, in words: two runs can share a day (a start made here and the
// runs RapidPro reports without one, or two starts), so a confirmation names the run by when it
// was conducted and who started it.
import type { CommandContext } from './command.ts';
import type { PollRunSummary } from '../db/queries/find-poll-run.ts';

export function describeRun(ctx: CommandContext, run: PollRunSummary): string {
  const time = new Date(run.conductedAt).toLocaleString(ctx.lng, {
    timeZone: ctx.org.timezone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  if (run.kind === 'universal' || !run.startedBy) return ctx.t('common:runFromRapidPro', { time });
  const region = (run.regionId !== null && ctx.regions.byId.get(run.regionId)?.name) || '—';
  return ctx.t('common:runStarted', { time, who: run.startedBy, region });
}
