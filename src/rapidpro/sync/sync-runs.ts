// Runs of the chosen polls → poll runs, responses and answers. A run started by the bot belongs
// to the poll run of its flow start; any other run to the universal poll run of its day in the
// org's timezone. A run that changed since it was fetched updates its response.
import { eq, sql as raw } from 'drizzle-orm';
import type { SyncDeps } from './sync-deps.ts';
import { syncWindow, addCounts, type Counts, type SyncWindowOptions } from './sync-window.ts';
import { latestByUuid } from './sync-contacts.ts';
import { toResponse, type ResponseRow } from './to-response.ts';
import { listPolls, type PollSummary } from '../../db/queries/list-polls.ts';
import { orgs, pollRuns, questions } from '../../db/schema/index.ts';
import { localDay } from '../../domain/local-day.ts';
import type { RapidProRun } from '../schemas.ts';

export async function syncRuns(deps: SyncDeps, orgId: number): Promise<Counts> {
  const timezone = await orgTimezone(deps, orgId);
  const total: Counts = {};
  for (const poll of await listPolls(deps.db, orgId)) {
    addCounts(total, await syncPollRuns(deps, orgId, timezone, poll));
  }
  return total;
}

export async function orgTimezone(deps: SyncDeps, orgId: number): Promise<string> {
  const [org] = await deps.db.select({ timezone: orgs.timezone }).from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new Error(`no org ${orgId}`);
  return org.timezone;
}

export interface PollRunsOptions {
  /** Checkpoint name: `runs:<flow>` for the regular sync, another for a backfill. */
  entity?: string;
  from?: Date;
  onPage?: SyncWindowOptions<RapidProRun>['onPage'];
}

export async function syncPollRuns(
  deps: SyncDeps,
  orgId: number,
  timezone: string,
  poll: PollSummary,
  options: PollRunsOptions = {},
): Promise<Counts> {
  const rapidpro = await deps.rapidproFor(orgId);
  const questionRows = await deps.db
    .select({ id: questions.id, key: questions.resultKey })
    .from(questions)
    .where(eq(questions.pollId, poll.id));
  const target: RunTarget = {
    orgId,
    timezone,
    pollId: poll.id,
    questionIdByKey: new Map(questionRows.map((q) => [q.key, q.id])),
    universalByDay: new Map(),
  };
  return syncWindow<RapidProRun>({
    ...deps,
    orgId,
    entity: options.entity ?? `runs:${poll.uuid}`,
    from: options.from,
    onPage: options.onPage,
    fetch: ({ after, before }, resumeFrom) => rapidpro.runs({ flow: poll.uuid, after: after ?? undefined, before }, resumeFrom),
    write: (page) => writeRuns(deps, target, latestByUuid(page)),
  });
}

interface RunTarget {
  orgId: number;
  timezone: string;
  pollId: number;
  questionIdByKey: Map<string, number>;
  /** Universal poll runs by local day, remembered for the rest of the window. */
  universalByDay: Map<string, number>;
}

/**
 * Writes a page in one statement: contacts RapidPro created since our last contact sync (with
 * what the run tells: uuid and name; the next contact sync fills in the rest), the responses and
 * their answers. Rows travel as arrays through unnest, so the statement's text never changes and
 * PostgreSQL plans it once; the page costs one round trip however many runs it holds. Dates and
 * numbers go as text[] and are cast in SQL: drizzle's pass-through serializers skip array types.
 */
async function writeRuns(deps: SyncDeps, target: RunTarget, runs: RapidProRun[]): Promise<Counts> {
  const { orgId } = target;
  const pollRunOf = await pollRunsFor(deps, target, runs);

  // One row per (poll run, contact): a contact restarted on the same day keeps its newest run.
  const rows = new Map<string, ResponseRow & { pollRunId: number; contactName: string | null }>();
  for (const run of runs) {
    const response = toResponse(run, target.questionIdByKey);
    const pollRunId = pollRunOf(run);
    const key = `${pollRunId}:${response.contactUuid}`;
    const seen = rows.get(key);
    if (!seen || seen.updatedOn <= response.updatedOn) rows.set(key, { ...response, pollRunId, contactName: run.contact.name ?? null });
  }
  const r = [...rows.values()];
  const a = r.flatMap((row) => row.answers.map((answer) => ({ runUuid: row.runUuid, ...answer })));
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  const [counts] = await deps.sql<{ responses: number; answers: number }[]>`
    with input as (
      select * from unnest(
        ${r.map((x) => x.contactUuid)}::text[], ${r.map((x) => x.contactName)}::text[], ${r.map((x) => x.pollRunId)}::int[],
        ${r.map((x) => x.runUuid)}::text[], ${r.map((x) => x.status)}::text[],
        ${r.map((x) => iso(x.createdOn))}::text[]::timestamptz[], ${r.map((x) => iso(x.updatedOn))}::text[]::timestamptz[]
      ) as t(contact_uuid, contact_name, poll_run_id, run_uuid, status, created_on, updated_on)
    ),
    new_contacts as (
      insert into contacts (org_id, uuid, name)
      select distinct on (contact_uuid) ${orgId}::int, contact_uuid, contact_name from input
      where not exists (select 1 from contacts c where c.org_id = ${orgId} and c.uuid = input.contact_uuid)
      on conflict do nothing
      returning id, uuid
    ),
    contact_ids as (
      select id, uuid from new_contacts
      union all
      select id, uuid from contacts where org_id = ${orgId} and uuid in (select contact_uuid from input)
    ),
    written as (
      insert into responses (org_id, poll_run_id, contact_id, run_uuid, status, created_on, updated_on)
      select ${orgId}::int, i.poll_run_id, c.id, i.run_uuid, i.status, i.created_on, i.updated_on
      from input i join contact_ids c on c.uuid = i.contact_uuid
      on conflict (poll_run_id, contact_id) do update
        set run_uuid = excluded.run_uuid, status = excluded.status, updated_on = excluded.updated_on
        -- Replays and older copies of a run never undo a newer state.
        where responses.updated_on <= excluded.updated_on
      returning id, run_uuid
    ),
    written_answers as (
      insert into answers (response_id, question_id, value, value_number, category, submitted_on)
      select w.id, v.question_id, v.value, v.value_number, v.category, v.submitted_on
      from unnest(
        ${a.map((x) => x.runUuid)}::text[], ${a.map((x) => x.questionId)}::int[], ${a.map((x) => x.value)}::text[],
        ${a.map((x) => x.valueNumber)}::text[]::numeric[], ${a.map((x) => x.category)}::text[], ${a.map((x) => iso(x.submittedOn))}::text[]::timestamptz[]
      ) as v(run_uuid, question_id, value, value_number, category, submitted_on)
      join written w on w.run_uuid = v.run_uuid
      on conflict (response_id, question_id) do update
        set value = excluded.value, value_number = excluded.value_number, category = excluded.category, submitted_on = excluded.submitted_on
      returning 1
    )
    select (select count(*) from written)::int as responses, (select count(*) from written_answers)::int as answers`;
  return { runs: runs.length, responses: counts!.responses, answers: counts!.answers };
}

/** Resolves each run's poll run: its flow start's, else the universal one of its local day. */
async function pollRunsFor(deps: SyncDeps, target: RunTarget, runs: RapidProRun[]): Promise<(run: RapidProRun) => number> {
  const starts = [...new Set(runs.flatMap((r) => (r.start ? [r.start.uuid] : [])))];
  const byStart = new Map<string, number>();
  if (starts.length > 0) {
    const rows = await deps.sql<{ ref: string; pollRunId: number }[]>`
      select b.rapidpro_ref as ref, m.poll_run_id as "pollRunId"
      from outbound_batches b join outbound_messages m on m.id = b.message_id
      where m.org_id = ${target.orgId} and m.poll_run_id is not null and b.rapidpro_ref = any(${starts})`;
    for (const row of rows) byStart.set(row.ref, row.pollRunId);
  }
  const dayOf = (run: RapidProRun) => localDay(run.created_on, target.timezone);
  const byDay = target.universalByDay;
  const days = [...new Set(runs.filter((r) => !(r.start && byStart.has(r.start.uuid))).map(dayOf))].filter((day) => !byDay.has(day));
  if (days.length > 0) {
    const rows = await deps.db
      .insert(pollRuns)
      .values(days.map((day) => ({ orgId: target.orgId, pollId: target.pollId, kind: 'universal' as const, day })))
      .onConflictDoUpdate({
        target: [pollRuns.pollId, pollRuns.day],
        targetWhere: raw`kind = 'universal'`,
        set: { day: raw`excluded.day` },
      })
      .returning({ id: pollRuns.id, day: pollRuns.day });
    for (const row of rows) byDay.set(row.day, row.id);
  }
  return (run) => (run.start && byStart.get(run.start.uuid)) || byDay.get(dayOf(run))!;
}
