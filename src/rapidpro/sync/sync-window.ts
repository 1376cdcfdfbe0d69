// The shape of every incremental sync: fix the window's end when it starts (so nothing slips
// between pages), page from a margin before the last checkpoint to that end, write the pages
// (several at once when they arrive faster than they are written), save the cursor after them,
// and move the checkpoint only when the window is done. A killed job
// resumes at the saved cursor with the same window; pages written twice are harmless (upserts on
// uuids).
//
// The margin: a window ends at our clock, but RapidPro may stamp a change earlier than we see it
// (a read from a lagging replica, a transaction that commits after it was stamped, a bot clock
// ahead of RapidPro's). Starting each window a few minutes before the last one ended fetches
// those again; the overlap costs a few upserts that change nothing.
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { readCheckpoint, recordSyncError, saveCheckpoint } from '../../db/queries/checkpoints.ts';
import { isStopping } from '../../db/is-stopping.ts';
import { readSyncMargin } from '../../db/queries/read-sync-margin.ts';
import type { Page } from '../create-client.ts';
import { gatherPages } from './gather-pages.ts';

export type Counts = Record<string, number>;

/** Pages written together at most (see gather-pages.ts): 1,000 runs, a few MB. */
const MAX_PAGES = 4;

interface Window {
  after: Date | null;
  before: Date;
}

export interface SyncWindowOptions<T> {
  db: Db;
  log: Logger;
  now: () => Date;
  orgId: number;
  entity: string;
  fetch(window: Window, resumeFrom: string | null): AsyncIterable<Page<T>>;
  write(items: T[]): Promise<Counts>;
  /** A fixed start instead of the last checkpoint (backfills of older data). */
  from?: Date;
  /** Where the first window starts when there is no checkpoint yet (default: the beginning). */
  firstFrom?: Date;
  /** Called once the window is done and its checkpoint saved. */
  onDone?(window: Window): Promise<void>;
  /** Called after each page is written, with the counts so far and the page's items. */
  onPage?(counts: Counts, window: Window, items: T[]): Promise<void>;
}

export async function syncWindow<T>(options: SyncWindowOptions<T>): Promise<Counts> {
  const { db, orgId, entity } = options;
  const checkpoint = await readCheckpoint(db, orgId, entity);
  const before = checkpoint?.windowEnd ?? options.now();
  const last = checkpoint?.syncedUntil ?? options.firstFrom ?? null;
  const margin = options.from || !last ? 0 : await readSyncMargin(db, orgId);
  const window: Window = { after: options.from ?? (last ? new Date(last.getTime() - margin) : null), before };
  if (!checkpoint?.windowEnd) await saveCheckpoint(db, orgId, entity, { windowEnd: before, cursor: null });

  const counts: Counts = {};
  try {
    for await (const pages of gatherPages(
      options.fetch(window, checkpoint?.windowEnd ? checkpoint.cursor : null),
      MAX_PAGES,
    )) {
      const results = pages.flatMap((page) => page.results);
      const invalid = pages.flatMap((page) => page.invalid);
      for (const bad of invalid) {
        options.log.warn(
          { orgId, entity, uuid: bad.uuid, issues: bad.issues },
          'skipped a record RapidPro sent in an unexpected shape',
        );
      }
      addCounts(counts, { skipped: invalid.length });
      if (results.length > 0) addCounts(counts, await options.write(results));
      await saveCheckpoint(db, orgId, entity, { cursor: pages.at(-1)!.next });
      await options.onPage?.(counts, window, results);
    }
  } catch (error) {
    if (!isStopping(error))
      await recordSyncError(db, orgId, entity, error instanceof Error ? error.message : String(error));
    throw error;
  }
  await saveCheckpoint(db, orgId, entity, {
    syncedUntil: before,
    windowEnd: null,
    cursor: null,
    counts,
    lastSuccessAt: options.now(),
    lastError: null,
  });
  await options.onDone?.(window);
  // Logged once committed: a process killed before this line repeats the window, after it never.
  options.log.debug({ orgId, entity, after: window.after, before, counts }, 'sync window done');
  return counts;
}

export function addCounts(total: Counts, more: Counts): Counts {
  for (const [key, value] of Object.entries(more)) total[key] = (total[key] ?? 0) + value;
  return total;
}
