import type { Sql } from '../client.ts';
import type { QuietHours } from '../../domain/quiet-hours.ts';

/** The quiet hours a person set for the watch's alerts; null when they set none. */
export async function readQuietHours(sql: Sql, identityId: number): Promise<QuietHours | null> {
  const [hours] = await sql<QuietHours[]>`
      select starts_at as "startsAt", ends_at as "endsAt" from watch_quiet_hours where identity_id = ${identityId}`;
  return hours ?? null;
}
