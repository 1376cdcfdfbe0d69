// A window's pages of runs → rows: each page's runs are prepared as the page arrives (response,
// local day), then written in one transaction, sent in one round trip: the contacts RapidPro
// created since the last contact sync, the responses, and the answers derived from their values.
// A run belongs to the poll run of its flow start, else to the universal poll run of its poll and
// local day.
import { sql as raw } from 'drizzle-orm';
import type { SyncDeps } from './sync-deps.ts';
import type { Counts } from './sync-window.ts';
import { isCurrentOver, toResponse, type ResponseRow } from './to-response.ts';
import { answerSql, answersLock } from '../../db/queries/derive-answers.ts';
import { runInOneTrip } from '../../db/run-in-one-trip.ts';
import { pollRuns } from '../../db/schema/index.ts';
import { localDay } from '../../domain/local-day.ts';
import type { RapidProRun } from '../schemas.ts';
import type { Page } from '../create-client.ts';

/**
 * A run with what writing it needs worked out as soon as its page arrives: the response it
 * stands for and its local day. Done then, this work overlaps the write of the pages before it
 * instead of keeping the database waiting.
 */
export interface FetchedRun {
  uuid: string;
  modified_on: Date;
  run: RapidProRun;
  response: ResponseRow;
  day: string;
}

export async function* prepareRuns(pages: AsyncIterable<Page<RapidProRun>>, timezone: string) {
  for await (const page of pages) {
    yield {
      ...page,
      results: page.results.map(
        (run): FetchedRun => ({
          uuid: run.uuid,
          modified_on: run.modified_on,
          run,
          response: toResponse(run),
          day: localDay(run.created_on, timezone),
        }),
      ),
    };
  }
}

export interface RunTarget {
  orgId: number;
  pollIdByFlow: Map<string, number>;
  /** Universal poll runs by poll and local day, remembered for the rest of the window. */
  universal: Map<string, number>;
  /** Flow starts looked up in RapidPro, remembered for the rest of the window. */
  starts: Map<string, number | null>;
  findStart(start: { uuid: string; runCreatedOn: Date }): Promise<{ pollRunId: number | null }>;
}

type RowToWrite = ResponseRow & { pollRunId: number; contactName: string | null };

/**
 * Writes pages of runs: contacts RapidPro created since our last contact sync (with what the run
 * tells: uuid and name; the next contact sync fills in the rest), the responses, and the answers
 * derived from their values.
 */
export async function writeRuns(deps: SyncDeps, target: RunTarget, runs: FetchedRun[]): Promise<Counts> {
  if (runs.length === 0) return { runs: 0 };
  const { orgId } = target;
  const pollRunOf = await pollRunsFor(deps, target, runs);

  // One row per (poll run, contact): the contact's current run there (see isCurrentOver).
  const rows = new Map<string, RowToWrite>();
  for (const fetched of runs) {
    const { response } = fetched;
    const pollRunId = pollRunOf(fetched);
    const key = `${pollRunId}:${response.contactUuid}`;
    const seen = rows.get(key);
    if (!seen || isCurrentOver(response, seen))
      rows.set(key, { ...response, pollRunId, contactName: fetched.run.contact.name ?? null });
  }
  const { responses, answers } = await writeRows(deps.sql, orgId, [...rows.values()]);
  return { runs: runs.length, responses, answers };
}

/**
 * Writes the rows in one transaction, sent in one round trip. The rows travel as one JSON
 * parameter, unpacked by json_to_recordset: one string to send (JSON.stringify is native, where
 * postgres.js escapes arrays element by element), and the statement's text never changes, so
 * PostgreSQL plans it once.
 */
async function writeRows(
  sql: SyncDeps['sql'],
  orgId: number,
  rows: RowToWrite[],
): Promise<{ responses: number; answers: number }> {
  const input = JSON.stringify(
    rows.map((x) => ({
      contact_uuid: x.contactUuid,
      contact_name: x.contactName,
      poll_run_id: x.pollRunId,
      run_uuid: x.runUuid,
      status: x.status,
      created_on: x.createdOn,
      updated_on: x.updatedOn,
      run_values: x.values,
    })),
  );
  const [, written] = await runInOneTrip(sql, (tx) => [
    // The lock first: the statement's snapshot, taken once the lock is held, sees any questions
    // the flows sync committed.
    tx`select pg_advisory_xact_lock(hashtext(${answersLock(orgId)}))`,
    tx`
    with input as (
      select * from json_to_recordset(${input}::json) as t(contact_uuid text, contact_name text,
        poll_run_id int, run_uuid text, status text, created_on timestamptz, updated_on timestamptz,
        run_values jsonb)
    ),
    -- The page's contacts, looked up by an array of their uuids: PostgreSQL probes the index once
    -- per uuid. Joined against the input instead, it guessed a handful of rows per org and read
    -- every contact of the org on each page.
    existing as (
      select id, uuid from contacts
      where org_id = ${orgId} and uuid = any (array(select distinct contact_uuid from input))
    ),
    new_contacts as (
      insert into contacts (org_id, uuid, name)
      select distinct on (contact_uuid) ${orgId}::int, contact_uuid, contact_name from input
      where contact_uuid not in (select uuid from existing)
      on conflict do nothing
      returning id, uuid
    ),
    contact_ids as (select id, uuid from new_contacts union all select id, uuid from existing),
    written as (
      insert into responses (org_id, poll_run_id, contact_id, run_uuid, status, created_on, updated_on, "values")
      select ${orgId}::int, i.poll_run_id, c.id, i.run_uuid, i.status, i.created_on, i.updated_on, i.run_values
      from input i join contact_ids c on c.uuid = i.contact_uuid
      on conflict (poll_run_id, contact_id) do update
        set run_uuid = excluded.run_uuid, status = excluded.status, created_on = excluded.created_on,
            updated_on = excluded.updated_on, "values" = excluded."values"
        -- The contact's current run wins whatever order the runs arrive in: a later run replaces
        -- an earlier one (a restart), a newer copy of a run its older copy; replays (the windows
        -- overlap) change nothing, so they bump no figures.
        where responses.run_uuid is null
          or (responses.run_uuid = excluded.run_uuid and responses.updated_on < excluded.updated_on)
          or (responses.run_uuid <> excluded.run_uuid and (responses.created_on, responses.run_uuid) < (excluded.created_on, excluded.run_uuid))
      -- xmax is set on a row this statement updated, not on one it inserted.
      returning id, poll_run_id, "values", xmax <> 0 as replaced
    ),
    -- Answers of questions the current run has no value for (a replaced run's) go. Only updated
    -- responses can have any; asking for them by id keeps this an index probe, where a join
    -- with all of written had the planner read the whole answers table on every page.
    stale_answers as (
      delete from answers a using written w, questions q
      where a.response_id = any (array(select id from written where replaced))
        and w.id = a.response_id and q.id = a.question_id and (w."values" -> q.result_key) is null
      returning 1
    ),
    -- A response inserted just now has no answers yet: its answers go in without the conflict
    -- check (a speculative insertion costs more than a plain one). Those of replaced responses
    -- are upserted.
    answer_rows as (
      select w.id, w.replaced, q.id as question_id, v
      from written w
      join poll_runs pr on pr.id = w.poll_run_id
      join questions q on q.poll_id = pr.poll_id
      cross join lateral (select w."values" -> q.result_key) as x(v)
      where v is not null
    ),
    new_answers as (
      insert into answers ${tx.unsafe(answerSql.columns)}
      select id, question_id, ${tx.unsafe(answerSql.values)}
      from answer_rows where not replaced
      returning 1
    ),
    replaced_answers as (
      insert into answers ${tx.unsafe(answerSql.columns)}
      select id, question_id, ${tx.unsafe(answerSql.values)}
      from answer_rows where replaced
      ${tx.unsafe(answerSql.upsert)}
      returning 1
    )
    select (select count(*) from written)::int as responses,
      (select count(*) from new_answers)::int + (select count(*) from replaced_answers)::int as answers,
      (select count(*) from stale_answers)::int as dropped`,
  ]);
  return written![0] as { responses: number; answers: number };
}

/**
 * Resolves each run's poll run: its flow start's (recorded by the outbox, or found in RapidPro by
 * the batch key the start carries), else the universal one of its poll and local day. A run of a
 * start made here never lands in a universal poll run.
 */
async function pollRunsFor(
  deps: SyncDeps,
  target: RunTarget,
  fetched: FetchedRun[],
): Promise<(run: FetchedRun) => number> {
  const byStart = target.starts;
  const runs = fetched.map((f) => f.run);
  const starts = [...new Set(runs.flatMap((r) => (r.start && !byStart.has(r.start.uuid) ? [r.start.uuid] : [])))];
  if (starts.length > 0) {
    const rows = await deps.sql<{ ref: string; pollRunId: number }[]>`
      select b.rapidpro_ref as ref, m.poll_run_id as "pollRunId"
      from outbound_batches b join outbound_messages m on m.id = b.message_id
      where m.org_id = ${target.orgId} and m.poll_run_id is not null and b.rapidpro_ref = any(${starts})`;
    for (const row of rows) byStart.set(row.ref, row.pollRunId);
    for (const uuid of starts.filter((s) => !byStart.has(s))) {
      const first = runs.find((run) => run.start?.uuid === uuid)!;
      byStart.set(uuid, (await target.findStart({ uuid, runCreatedOn: first.created_on })).pollRunId);
    }
  }
  const startRun = (run: RapidProRun) => (run.start ? (byStart.get(run.start.uuid) ?? null) : null);
  // Each run's universal slot: its poll and local day.
  const slots = new Map<FetchedRun, { key: string; pollId: number; day: string }>();
  for (const f of fetched) {
    if (startRun(f.run) !== null) continue;
    const pollId = target.pollIdByFlow.get(f.run.flow.uuid)!;
    slots.set(f, { key: `${pollId}:${f.day}`, pollId, day: f.day });
  }
  const missing = new Map<string, { pollId: number; day: string }>();
  for (const slot of slots.values()) if (!target.universal.has(slot.key)) missing.set(slot.key, slot);
  if (missing.size > 0) {
    const rows = await deps.db
      .insert(pollRuns)
      .values(
        [...missing.values()].map(({ pollId, day }) => ({
          orgId: target.orgId,
          pollId,
          kind: 'universal' as const,
          day,
        })),
      )
      .onConflictDoUpdate({
        target: [pollRuns.pollId, pollRuns.day],
        targetWhere: raw`kind = 'universal'`,
        set: { day: raw`excluded.day` },
      })
      .returning({ id: pollRuns.id, pollId: pollRuns.pollId, day: pollRuns.day });
    for (const row of rows) target.universal.set(`${row.pollId}:${row.day}`, row.id);
  }
  return (f) => startRun(f.run) ?? target.universal.get(slots.get(f)!.key)!;
}
