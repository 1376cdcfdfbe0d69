import type { Sql } from '../client.ts';

export interface SyncOutcome {
  /** Entities whose sync failed since `since`, with the error. */
  failed: { entity: string; error: string }[];
  /** Entities not synced since `since` (another process holds their lock), and how far behind. */
  behind: { entity: string; minutes: number }[];
}

/**
 * What a sync begun at `since` really achieved: the job can end without error and yet have
 * synced nothing (another process was syncing, so each entity was skipped), or recorded
 * per-entity failures. The start-up message says "synced" only when every entity did.
 */
export async function readSyncOutcome(sql: Sql, orgId: number, since: Date): Promise<SyncOutcome> {
  const rows = await sql<{ entity: string; error: string | null; failed: boolean; behind: boolean; minutes: number }[]>`
    select entity, left(last_error, 200) as error,
           coalesce(last_error_at >= ${since.toISOString()}, false) as failed,
           coalesce(last_success_at, '-infinity') < ${since.toISOString()} as behind,
           coalesce(floor(extract(epoch from now() - last_success_at) / 60), 0)::int as minutes
    from sync_checkpoints where org_id = ${orgId}
    order by entity`;
  // Boundaries are fetched daily, not by every sync: not syncing them now is not falling behind.
  const periodic = new Set(['groups', 'fields', 'contacts', 'flows', 'inbox']);
  return {
    failed: rows.filter((row) => row.failed).map((row) => ({ entity: row.entity, error: row.error ?? '' })),
    behind: rows
      .filter((row) => row.behind && !row.failed && periodic.has(row.entity))
      .map((row) => ({ entity: row.entity, minutes: row.minutes })),
  };
}
