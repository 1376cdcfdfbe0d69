// `<poll> [date|latest] [region] [field=value …] [group=<reporter group>]`, the arguments of
// every command that looks at one poll run: which poll, which day, which part of the user's
// scope, which contacts.
import { limitToScope } from '../db/limit-to-scope.ts';
import type { CommandContext, Scope } from './command.ts';
import { resolvePoll, resolveRegion } from './resolve.ts';
import { UserError } from './user-error.ts';
import { findPollRun, type PollRunSummary } from '../db/queries/find-poll-run.ts';
import { isPollSynced } from '../db/queries/is-poll-synced.ts';
import type { PollSummary } from '../db/queries/list-polls.ts';
import { matchByName, type Named } from '../domain/match-name.ts';
import { parseDay } from '../domain/parse-day.ts';
import { withDescendants, type RegionNode } from '../domain/region-tree.ts';

export interface PollTarget {
  poll: PollSummary;
  run: PollRunSummary;
  region: RegionNode | null;
  /** The user's scope, narrowed to the region asked for. */
  scope: Scope;
  fields: Record<string, string>;
  /** `group=<name>`: only the members of this reporter group (whatever other groups they are in). */
  reporterGroup: Named | null;
}

export async function resolvePollTarget(ctx: CommandContext, args: string[]): Promise<PollTarget> {
  const [pollQuery, ...rest] = args;
  if (!pollQuery) throw new UserError('errors.missingPoll', {}, true);
  const poll = await resolvePoll(ctx, pollQuery);
  let day: string | undefined;
  const regionWords: string[] = [];
  const fields: Record<string, string> = {};
  for (const arg of rest) {
    const filter = /^([\p{L}\p{N}_]+)=(.+)$/u.exec(arg);
    const parsed = filter ? null : parseDay(arg, ctx.services.now(), ctx.org.timezone);
    if (parsed?.kind === 'invalid') throw new UserError('errors.badDate', { word: arg });
    if (filter) fields[filter[1]!.toLowerCase()] = filter[2]!;
    else if (parsed) day = parsed.kind === 'day' ? parsed.day : undefined;
    else regionWords.push(arg);
  }
  const reporterGroup = fields.group === undefined ? null : await resolveReporterGroup(ctx, fields.group);
  delete fields.group;
  await checkFieldNames(ctx, Object.keys(fields));
  const region = regionWords.length > 0 ? resolveRegion(ctx, regionWords.join(' ')) : null;
  const scope: Scope = region ? { all: false, regionIds: withDescendants(ctx.regions, [region.id]) } : ctx.scope;
  const run = await findPollRun(ctx.services.sql, poll.id, scope, day);
  if (!run) {
    // During a poll's first sync, "not conducted" would be wrong: its answers are on their way.
    if (!(await isPollSynced(ctx.services.sql, ctx.org.id, poll.uuid)))
      throw new UserError('errors.stillSyncing', { poll: poll.name });
    throw new UserError(day ? 'errors.noPollRunOnDay' : 'errors.noPollRun', { poll: poll.name, day });
  }
  return { poll, run, region, scope, fields, reporterGroup };
}

async function resolveReporterGroup(ctx: CommandContext, name: string): Promise<Named> {
  const groups = await ctx.services.sql<Named[]>`
    select id, name from reporter_groups where org_id = ${ctx.org.id} and is_active order by name`;
  const match = matchByName(groups, name);
  if (match.kind !== 'found')
    throw new UserError('errors.groupNotFound', { query: name, names: groups.map((g) => g.name).join(', ') });
  return match.item;
}

/**
 * A filter on a field no contact has would match no one and read as "no answers": an unknown
 * field is an error that names the fields there are.
 */
async function checkFieldNames(ctx: CommandContext, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const rows = await ctx.services.sql<{ key: string }[]>`
    select distinct jsonb_object_keys(fields) as key from contacts where org_id = ${ctx.org.id} and not is_deleted
      ${limitToScope(ctx.services.sql, ctx.scope, 'region_id')} order by 1`;
  const known = rows.map((r) => r.key.toLowerCase());
  const unknown = keys.find((key) => !known.includes(key));
  if (unknown) throw new UserError('errors.unknownField', { field: unknown, fields: [...known, 'group'].join(', ') });
}

/** For a command that cannot narrow by contact fields or reporter group: say so, never ignore them. */
export function refuseFilters(target: PollTarget, command: string): void {
  if (Object.keys(target.fields).length > 0 || target.reporterGroup)
    throw new UserError('errors.filtersNotTaken', { command });
}
