// Runs of the chosen polls → poll runs and responses (answers are derived from the responses'
// values, see derive-answers.ts). A run started by the bot belongs to the poll run of its flow
// start; any other run to the universal poll run of its day in the org's timezone.
//
// RapidPro's budget: one runs window per org (`runs`), not one per poll, so an idle org costs one
// request a minute however many polls it has. A poll joins that window once its own history is
// in: a poll chosen for the first time (or chosen again after a pause) first pulls its own flow
// (`runs:<flow>`) up to now; each completed org window then moves every covered poll's own
// checkpoint along with it, which is how a poll is known to be caught up.
import { and, eq, inArray } from 'drizzle-orm';
import type { SyncDeps } from './sync-deps.ts';
import { syncWindow, addCounts, type Counts, type SyncWindowOptions } from './sync-window.ts';
import { latestByUuid } from './sync-contacts.ts';
import { findStartPollRun } from './find-start-poll-run.ts';
import { listPolls, type PollSummary } from '../../db/queries/list-polls.ts';
import { orgs, syncCheckpoints } from '../../db/schema/index.ts';
import { prepareRuns, writeRuns, type FetchedRun, type RunTarget } from './write-runs.ts';

const ORG_RUNS = 'runs';
const pollRunsEntity = (poll: Pick<PollSummary, 'uuid'>) => `runs:${poll.uuid}`;

export async function syncRuns(deps: SyncDeps, orgId: number): Promise<Counts> {
  const timezone = await orgTimezone(deps, orgId);
  const polls = await listPolls(deps.db, orgId);
  if (polls.length === 0) return {};
  const total: Counts = {};
  for (const poll of await pollsBehind(deps, orgId, polls)) {
    addCounts(
      total,
      await syncPollRuns(deps, orgId, timezone, [poll], { entity: pollRunsEntity(poll), flow: poll.uuid }),
    );
  }
  const checkpoints = await readRunCheckpoints(deps, orgId, polls);
  const orgSynced = checkpoints.get(ORG_RUNS);
  // The org window's first start: where the polls' own windows ended (the earliest of them).
  const from = orgSynced
    ? undefined
    : new Date(Math.min(...polls.map((p) => checkpoints.get(pollRunsEntity(p))!.getTime())));
  addCounts(
    total,
    await syncPollRuns(deps, orgId, timezone, polls, {
      entity: ORG_RUNS,
      firstFrom: from,
      onDone: async (window) => {
        await deps.db
          .update(syncCheckpoints)
          .set({ syncedUntil: window.before })
          .where(and(eq(syncCheckpoints.orgId, orgId), inArray(syncCheckpoints.entity, polls.map(pollRunsEntity))));
      },
    }),
  );
  return total;
}

/** Polls whose own checkpoint is missing or behind the org window's: they catch up on their own. */
async function pollsBehind(deps: SyncDeps, orgId: number, polls: PollSummary[]): Promise<PollSummary[]> {
  const checkpoints = await readRunCheckpoints(deps, orgId, polls);
  const org = checkpoints.get(ORG_RUNS);
  return polls.filter((poll) => {
    const own = checkpoints.get(pollRunsEntity(poll));
    return !own || (org !== undefined && own < org);
  });
}

async function readRunCheckpoints(deps: SyncDeps, orgId: number, polls: PollSummary[]): Promise<Map<string, Date>> {
  const rows = await deps.db
    .select({ entity: syncCheckpoints.entity, syncedUntil: syncCheckpoints.syncedUntil })
    .from(syncCheckpoints)
    .where(
      and(eq(syncCheckpoints.orgId, orgId), inArray(syncCheckpoints.entity, [ORG_RUNS, ...polls.map(pollRunsEntity)])),
    );
  return new Map(rows.flatMap((r) => (r.syncedUntil ? [[r.entity, r.syncedUntil] as const] : [])));
}

export async function orgTimezone(deps: SyncDeps, orgId: number): Promise<string> {
  const [org] = await deps.db.select({ timezone: orgs.timezone }).from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new Error(`no org ${orgId}`);
  return org.timezone;
}

export interface PollRunsOptions {
  /** Checkpoint name: `runs` for the org window, `runs:<flow>` for one poll, another for a backfill. */
  entity: string;
  /** Narrows the request to one flow (RapidPro filters runs by one flow at most). */
  flow?: string;
  /** A fixed start instead of the last checkpoint (backfills of older data). */
  from?: Date;
  /** Where the window starts when it has no checkpoint yet. */
  firstFrom?: Date;
  onPage?: SyncWindowOptions<FetchedRun>['onPage'];
  onDone?: SyncWindowOptions<FetchedRun>['onDone'];
}

/** Syncs one window of runs of `polls` (runs of other flows in the pages are skipped). */
export async function syncPollRuns(
  deps: SyncDeps,
  orgId: number,
  timezone: string,
  polls: PollSummary[],
  options: PollRunsOptions,
): Promise<Counts> {
  const rapidpro = await deps.rapidproFor(orgId);
  const target: RunTarget = {
    orgId,
    pollIdByFlow: new Map(polls.map((p) => [p.uuid, p.id])),
    universal: new Map(),
    starts: new Map(),
    findStart: (start) => findStartPollRun(deps, rapidpro, orgId, start),
  };
  return syncWindow<FetchedRun>({
    ...deps,
    orgId,
    entity: options.entity,
    from: options.from,
    firstFrom: options.firstFrom,
    onPage: options.onPage,
    onDone: options.onDone,
    // paths=false: the bot never reads a run's path, which is most of its weight.
    fetch: ({ after, before }, resumeFrom) =>
      prepareRuns(
        rapidpro.runs({ flow: options.flow, after: after ?? undefined, before, paths: false }, resumeFrom),
        timezone,
      ),
    write: (page) =>
      writeRuns(
        deps,
        target,
        latestByUuid(page).filter((fetched) => target.pollIdByFlow.has(fetched.run.flow.uuid)),
      ),
  });
}
