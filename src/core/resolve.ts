// Turning what the user typed into a poll or a region, with translated "not found" and
// "did you mean" answers.
import type { CommandContext, Scope } from './command.ts';
import { UserError } from './user-error.ts';
import { listPolls, type PollSummary } from '../db/queries/list-polls.ts';
import { matchByName, type Named } from '../domain/match-name.ts';
import { withDescendants, type RegionNode } from '../domain/region-tree.ts';
import type { QuestionType } from '../db/schema/polls.ts';
import { isInScope } from '../db/limit-to-scope.ts';

/** The largest PostgreSQL `integer`, the type of every id. */
const MAX_ID = 2 ** 31 - 1;

function pick<T extends Named>(
  items: readonly T[],
  query: string,
  what: 'poll' | 'region' | 'question',
  describe = (item: T) => item.name,
): T {
  const match = matchByName(items, query);
  if (match.kind === 'found') return match.item;
  if (match.kind === 'ambiguous') {
    throw new UserError(`errors.${what}Ambiguous`, {
      query,
      names: match.candidates.slice(0, 5).map(describe).join(', '),
    });
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

/** A poll that may be started: one archived in RapidPro keeps its history but is refused in words. */
export function refuseArchived(poll: PollSummary): PollSummary {
  if (poll.isArchived) throw new UserError('errors.pollArchived', { poll: poll.name });
  return poll;
}

export interface QuestionChoice {
  id: number;
  name: string;
  pollName: string;
  type: QuestionType;
}

/** A question of any chosen poll, by its name or the start of it. */
export async function resolveQuestion(ctx: CommandContext, query: string): Promise<QuestionChoice> {
  const questions = await ctx.services.sql<QuestionChoice[]>`
    select q.id, q.name, p.name as "pollName", q.type
    from questions q join polls p on p.id = q.poll_id
    where q.org_id = ${ctx.org.id} and p.is_active
    order by p.name, q.position`;
  return pick(questions, query, 'question', (q) => `${q.pollName}: ${q.name}`);
}

/** `#12` or `12` (a digest, schedule or message by its number) → 12; anything else → null. */
export function parseNumberRef(text: string | undefined): number | null {
  const id = Number(/^#?(\d+)$/.exec(text ?? '')?.[1]);
  // Ids are PostgreSQL integers: a bigger number names nothing, like any other unknown number.
  return id > 0 && id <= MAX_ID ? id : null;
}

/** The regions the user may act on, in tree order. */
function regionsInScope(ctx: CommandContext): RegionNode[] {
  return [...ctx.regions.byId.values()].filter((region) => isInScope(ctx.scope, region.id));
}

/** A region inside the user's scope; a region outside it is reported as not found. */
export function resolveRegion(ctx: CommandContext, query: string): RegionNode {
  return pick(regionsInScope(ctx), query, 'region');
}

/**
 * The user's scope narrowed to a region they named (one `resolveRegion` found in it) and every
 * region below it; without a region, their scope as it is.
 */
export function narrowScope(
  ctx: Pick<CommandContext, 'regions' | 'scope'>,
  region: RegionNode,
): { all: false; regionIds: number[] };
export function narrowScope(ctx: Pick<CommandContext, 'regions' | 'scope'>, region: RegionNode | null): Scope;
export function narrowScope(ctx: Pick<CommandContext, 'regions' | 'scope'>, region: RegionNode | null): Scope {
  return region ? { all: false, regionIds: withDescendants(ctx.regions, [region.id]) } : ctx.scope;
}
