// Runs of the chosen polls → poll runs, responses and answers. A run started by the bot belongs
// to the poll run of its flow start; any other run to the universal poll run of its day in the
// org's timezone. A run that changed since it was fetched updates its response.
import { and, eq, inArray, sql as raw } from 'drizzle-orm';
import type { SyncDeps } from './sync-deps.ts';
import { syncWindow, addCounts, type Counts, type SyncWindowOptions } from './sync-window.ts';
import { latestByUuid } from './sync-contacts.ts';
import { toResponse } from './to-response.ts';
import { listPolls, type PollSummary } from '../../db/queries/list-polls.ts';
import { fromExcluded } from '../../db/excluded.ts';
import { answers, contacts, orgs, pollRuns, questions, responses } from '../../db/schema/index.ts';
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
  const questionIdByKey = new Map(questionRows.map((q) => [q.key, q.id]));
  return syncWindow<RapidProRun>({
    ...deps,
    orgId,
    entity: options.entity ?? `runs:${poll.uuid}`,
    from: options.from,
    onPage: options.onPage,
    fetch: ({ after, before }, resumeFrom) => rapidpro.runs({ flow: poll.uuid, after: after ?? undefined, before }, resumeFrom),
    write: (page) => writeRuns(deps, { orgId, timezone, pollId: poll.id, questionIdByKey }, latestByUuid(page)),
  });
}

interface RunTarget {
  orgId: number;
  timezone: string;
  pollId: number;
  questionIdByKey: Map<string, number>;
}

async function writeRuns(deps: SyncDeps, target: RunTarget, runs: RapidProRun[]): Promise<Counts> {
  const { db } = deps;
  const { orgId } = target;
  const pollRunOf = await pollRunsFor(deps, target, runs);
  const contactIdOf = await contactIdsFor(deps, orgId, runs);

  // One row per (poll run, contact): a contact restarted on the same day keeps its newest run.
  const rows = new Map<string, ReturnType<typeof toResponse> & { pollRunId: number; contactId: number }>();
  for (const run of runs) {
    const response = toResponse(run, target.questionIdByKey);
    const pollRunId = pollRunOf(run);
    const contactId = contactIdOf.get(run.contact.uuid)!;
    const key = `${pollRunId}:${contactId}`;
    const seen = rows.get(key);
    if (!seen || seen.updatedOn <= response.updatedOn) rows.set(key, { ...response, pollRunId, contactId });
  }
  const written = await db
    .insert(responses)
    .values(
      [...rows.values()].map((r) => ({
        orgId,
        pollRunId: r.pollRunId,
        contactId: r.contactId,
        runUuid: r.runUuid,
        status: r.status,
        createdOn: r.createdOn,
        updatedOn: r.updatedOn,
      })),
    )
    .onConflictDoUpdate({
      target: [responses.pollRunId, responses.contactId],
      set: fromExcluded(responses, ['runUuid', 'status', 'updatedOn']),
      // Replays and older copies of a run never undo a newer state.
      setWhere: raw`${responses.updatedOn} <= excluded.updated_on`,
    })
    .returning({ id: responses.id, runUuid: responses.runUuid });

  const responseIdOf = new Map(written.map((w) => [w.runUuid!, w.id]));
  const answerRows = [...rows.values()].flatMap((r) => {
    const responseId = responseIdOf.get(r.runUuid);
    return responseId === undefined ? [] : r.answers.map((a) => ({ responseId, ...a }));
  });
  if (answerRows.length > 0) {
    await db
      .insert(answers)
      .values(answerRows)
      .onConflictDoUpdate({
        target: [answers.responseId, answers.questionId],
        set: fromExcluded(answers, ['value', 'valueNumber', 'category', 'submittedOn']),
      });
  }
  return { runs: runs.length, responses: written.length, answers: answerRows.length };
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
  const days = [...new Set(runs.filter((r) => !(r.start && byStart.has(r.start.uuid))).map(dayOf))];
  const byDay = new Map<string, number>();
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

/**
 * Contact ids for the runs' contacts. A contact RapidPro created after our last contact sync is
 * added with what the run tells (uuid, name); the next contact sync fills in the rest.
 */
async function contactIdsFor(deps: SyncDeps, orgId: number, runs: RapidProRun[]): Promise<Map<string, number>> {
  const wanted = new Map(runs.map((r) => [r.contact.uuid, r.contact.name ?? null]));
  await deps.db
    .insert(contacts)
    .values([...wanted].map(([uuid, name]) => ({ orgId, uuid, name })))
    .onConflictDoNothing();
  const rows = await deps.db
    .select({ id: contacts.id, uuid: contacts.uuid })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), inArray(contacts.uuid, [...wanted.keys()])));
  return new Map(rows.map((r) => [r.uuid, r.id]));
}
