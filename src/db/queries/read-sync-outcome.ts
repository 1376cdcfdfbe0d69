import type { Sql } from '../client.ts';

export interface SyncOutcome {
  /** Entities whose sync failed since `since`, with the error. */
  failed: { entity: string; error: string }[];
  /**
   * Entities not synced since `since` because a sync of them was already running, how far behind,
   * and whether that sync runs in this process (a scheduled job that started with it) or another.
   */
  behind: { entity: string; minutes: number; here: boolean }[];
}

/**
 * What a sync begun at `since` really achieved: the job can end without error and yet have
 * synced nothing (another process was syncing, so each entity was skipped), or recorded
 * per-entity failures. The start-up message says "synced" only when every entity did.
 */
export async function readSyncOutcome(sql: Sql, orgId: number, since: Date): Promise<SyncOutcome> {
  // The lock of a sync (src/db/with-lock.ts) is an advisory lock on a bigint key; pg_locks shows
  // its high and low 32 bits. Its holder is this process when its connection carries our
  // application_name (src/db/client.ts).
  const rows = await sql<
    { entity: string; error: string | null; failed: boolean; behind: boolean; minutes: number; here: boolean }[]
  >`
    select entity, left(last_error, 200) as error,
           exists (
             select 1 from pg_locks l join pg_stat_activity a on a.pid = l.pid
             cross join lateral (select hashtext('sync:' || org_id || ':' || entity)::bigint as key) k
             where l.locktype = 'advisory' and l.granted and l.objsubid = 1
               and l.classid = ((k.key >> 32) & 4294967295)::oid and l.objid = (k.key & 4294967295)::oid
               and a.application_name = current_setting('application_name')
           ) as here,
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
      .map((row) => ({ entity: row.entity, minutes: row.minutes, here: row.here })),
  };
}
