import type { Sql } from '../client.ts';
import type { QuietHours } from '../../domain/quiet-hours.ts';

/** A person's quiet hours for the watch's alerts (start equal to end: none), in place of any before. */
export async function setQuietHours(sql: Sql, identityId: number, hours: QuietHours): Promise<void> {
  await sql`
    insert into watch_quiet_hours (identity_id, starts_at, ends_at)
    values (${identityId}, ${hours.startsAt}, ${hours.endsAt})
    on conflict (identity_id) do update set starts_at = excluded.starts_at, ends_at = excluded.ends_at`;
}
