// Fetch old runs (TracPro 1.5's button): the chosen polls' runs of the last N days, whatever the
// regular sync has seen, with progress as the share of the time window covered. Pages arrive
// newest first, so how far back the last page reached tells how much is done.
import type { SyncDeps } from './sync-deps.ts';
import { orgTimezone, syncPollRuns } from './sync-runs.ts';
import { addCounts, type Counts } from './sync-window.ts';
import { listPolls } from '../../db/queries/list-polls.ts';

export interface BackfillProgress {
  runs: number;
  /** 0..1 over all polls. */
  share: number;
  done: boolean;
}

export async function backfillRuns(
  deps: SyncDeps,
  orgId: number,
  days: number,
  onProgress: (progress: BackfillProgress) => Promise<void>,
): Promise<Counts> {
  const timezone = await orgTimezone(deps, orgId);
  const polls = await listPolls(deps.db, orgId);
  const from = new Date(deps.now().getTime() - days * 86_400_000);
  const total: Counts = {};
  for (const [index, poll] of polls.entries()) {
    const counts = await syncPollRuns(deps, orgId, timezone, [poll], {
      entity: `backfill:${poll.uuid}`,
      flow: poll.uuid,
      from,
      onPage: async (sofar, window, items) => {
        const oldest = Math.min(...items.map((run) => run.modified_on.getTime()));
        const span = window.before.getTime() - from.getTime();
        const covered =
          span > 0 && Number.isFinite(oldest) ? Math.min(1, (window.before.getTime() - oldest) / span) : 1;
        await onProgress({
          runs: (total.runs ?? 0) + (sofar.runs ?? 0),
          share: (index + covered) / polls.length,
          done: false,
        });
      },
    });
    addCounts(total, counts);
  }
  await onProgress({ runs: total.runs ?? 0, share: 1, done: true });
  return total;
}
