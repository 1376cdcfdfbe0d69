// `<poll> [date|latest] [region] [field=value …] [group=<reporter group>]`, the arguments of
// every command that looks at one poll run: which poll, which day, which part of the user's
// scope, which contacts.
import type { CommandContext, Scope } from './command.ts';
import { narrowScope, resolvePoll, resolveRegion } from './resolve.ts';
import { UserError } from './user-error.ts';
import { findPollRun, type PollRunSummary } from '../db/queries/find-poll-run.ts';
import { isPollSynced } from '../db/queries/is-poll-synced.ts';
import { listFieldKeys } from '../db/queries/list-field-keys.ts';
import type { PollSummary } from '../db/queries/list-polls.ts';
import { matchByName, type Named } from '../domain/match-name.ts';
import { findDays, type DayQuery } from '../domain/parse-day.ts';
import type { RegionNode } from '../domain/region-tree.ts';

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
  // A date may take several words ("lundi dernier", "la semana pasada"); the last one given counts.
  const dates = findDays(rest, ctx.services.now(), ctx.org.timezone, { language: ctx.lng });
  const date = dates.at(-1)?.query;
  const invalid = dates.find((span) => span.query.kind === 'invalid');
  if (invalid) throw new UserError('errors.badDate', { word: rest.slice(invalid.start, invalid.end).join(' ') });
  const day = date?.kind === 'day' ? date.day : undefined;
  const regionWords: string[] = [];
  const fields: Record<string, string> = {};
  rest.forEach((arg, i) => {
    if (dates.some((span) => i >= span.start && i < span.end)) return;
    const filter = /^([\p{L}\p{N}_]+)=(.+)$/u.exec(arg);
    if (filter) fields[filter[1]!.toLowerCase()] = filter[2]!;
    else regionWords.push(arg);
  });
  const reporterGroup = fields.group === undefined ? null : await resolveReporterGroup(ctx, fields.group);
  delete fields.group;
  await checkFieldNames(ctx, Object.keys(fields));
  const region = regionWords.length > 0 ? resolveRegion(ctx, regionWords.join(' ')) : null;
  const scope = narrowScope(ctx, region);
  const run =
    date?.kind === 'week'
      ? await findRunInWeek(ctx, poll.id, scope, date)
      : await findPollRun(ctx.services.sql, poll.id, scope, day);
  if (!run) {
    // During a poll's first sync, "not conducted" would be wrong: its answers are on their way.
    if (!(await isPollSynced(ctx.services.sql, ctx.org.id, poll.uuid)))
      throw new UserError('errors.stillSyncing', { poll: poll.name });
    if (date?.kind === 'week') throw new UserError('errors.noPollRunInWeek', { poll: poll.name, ...date });
    throw new UserError(day ? 'errors.noPollRunOnDay' : 'errors.noPollRun', { poll: poll.name, day });
  }
  return { poll, run, region, scope, fields, reporterGroup };
}

/** A week: the latest poll run of its days that the scope can see. */
async function findRunInWeek(
  ctx: CommandContext,
  pollId: number,
  scope: Scope,
  week: Extract<DayQuery, { kind: 'week' }>,
): Promise<PollRunSummary | null> {
  const days = await ctx.services.sql<{ day: string }[]>`
    select distinct day::text as day from poll_runs
    where poll_id = ${pollId} and day between ${week.from} and ${week.to} order by day desc`;
  for (const { day } of days) {
    const run = await findPollRun(ctx.services.sql, pollId, scope, day);
    if (run) return run;
  }
  return null;
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
  const known = (await listFieldKeys(ctx.services.sql, ctx.org.id)).map((key) => key.toLowerCase());
  const unknown = keys.find((key) => !known.includes(key));
  if (unknown) throw new UserError('errors.unknownField', { field: unknown, fields: [...known, 'group'].join(', ') });
}

/** For a command that cannot narrow by contact fields or reporter group: say so, never ignore them. */
export function refuseFilters(target: PollTarget, command: string): void {
  if (Object.keys(target.fields).length > 0 || target.reporterGroup)
    throw new UserError('errors.filtersNotTaken', { command });
}
