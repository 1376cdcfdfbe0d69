import type { Sql } from '../client.ts';

export interface CheckpointRow {
  entity: string;
  /** The poll a `runs:<flow uuid>` checkpoint belongs to. */
  pollName: string | null;
  syncedUntil: Date | null;
  windowEnd: Date | null;
  counts: Record<string, number>;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

export async function listCheckpoints(sql: Sql, orgId: number): Promise<CheckpointRow[]> {
  const rows = await sql<Record<keyof CheckpointRow, string | null>[]>`
    select s.entity, p.name as "pollName", s.synced_until as "syncedUntil", s.window_end as "windowEnd", s.counts,
           s.last_success_at as "lastSuccessAt", s.last_error as "lastError", s.last_error_at as "lastErrorAt"
    from sync_checkpoints s
    left join polls p on p.org_id = s.org_id and s.entity in ('runs:' || p.uuid, 'backfill:' || p.uuid)
    where s.org_id = ${orgId}
    order by s.entity`;
  // Under drizzle, postgres.js hands timestamps over as text.
  const date = (value: unknown) => (value == null ? null : new Date(value as string));
  return rows.map((row) => ({
    entity: row.entity!,
    pollName: row.pollName,
    syncedUntil: date(row.syncedUntil),
    windowEnd: date(row.windowEnd),
    counts: row.counts as unknown as Record<string, number>,
    lastSuccessAt: date(row.lastSuccessAt),
    lastError: row.lastError,
    lastErrorAt: date(row.lastErrorAt),
  }));
}
