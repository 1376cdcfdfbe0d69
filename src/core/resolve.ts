// Turning what the user typed into a poll or a region, with translated "not found" and
// "did you mean" answers.
import type { CommandContext } from './command.ts';
import { UserError } from './user-error.ts';
import { listPolls, type PollSummary } from '../db/queries/list-polls.ts';
import { matchByName, type Named } from '../domain/match-name.ts';
import type { RegionNode } from '../domain/region-tree.ts';

function pick<T extends Named>(items: readonly T[], query: string, what: 'poll' | 'region'): T {
  const match = matchByName(items, query);
  if (match.kind === 'found') return match.item;
  if (match.kind === 'ambiguous') {
    throw new UserError(`errors.${what}Ambiguous`, { query, names: match.candidates.slice(0, 5).map((c) => c.name).join(', ') });
  }
  if (match.suggestion) throw new UserError(`errors.${what}Suggest`, { query, suggestion: match.suggestion.name });
  throw new UserError(`errors.${what}NotFound`, { query });
}

export async function resolvePoll(ctx: CommandContext, query: string): Promise<PollSummary> {
  const polls = await listPolls(ctx.services.db, ctx.org.id);
  // A bare number is the poll of that number in the user's last list of polls.
  const numbered = /^\d{1,3}$/.test(query) ? ctx.user.lastPolls[Number(query) - 1] : undefined;
  const fromList = numbered === undefined ? undefined : polls.find((p) => p.id === numbered);
  return fromList ?? pick(polls, query, 'poll');
}

/** The regions the user may act on, in tree order. */
export function regionsInScope(ctx: CommandContext): RegionNode[] {
  const all = [...ctx.regions.byId.values()];
  if (ctx.scope.all) return all;
  const allowed = new Set(ctx.scope.regionIds);
  return all.filter((region) => allowed.has(region.id));
}

/** A region inside the user's scope; a region outside it is reported as not found. */
export function resolveRegion(ctx: CommandContext, query: string): RegionNode {
  return pick(regionsInScope(ctx), query, 'region');
}
