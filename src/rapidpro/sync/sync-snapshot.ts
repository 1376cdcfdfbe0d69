// Entities RapidPro cannot filter by modification time (groups, fields, boundaries, flow
// definitions) are read whole; their checkpoint records when and what, for `sync status`.
import type { Db } from '../../db/client.ts';
import { recordSyncError, saveCheckpoint } from '../../db/queries/checkpoints.ts';
import { isStopping } from '../../db/is-stopping.ts';
import type { Counts } from './sync-window.ts';

export async function syncSnapshot(
  options: { db: Db; now: () => Date; orgId: number; entity: string },
  read: () => Promise<Counts>,
): Promise<Counts> {
  const startedAt = options.now();
  try {
    const counts = await read();
    await saveCheckpoint(options.db, options.orgId, options.entity, {
      syncedUntil: startedAt,
      counts,
      lastSuccessAt: options.now(),
      lastError: null,
    });
    return counts;
  } catch (error) {
    // Cut short by this process stopping: not a failure, and nothing could be recorded anyway.
    if (isStopping(error)) throw error;
    await recordSyncError(
      options.db,
      options.orgId,
      options.entity,
      error instanceof Error ? error.message : String(error),
    );
    throw error;
  }
}
