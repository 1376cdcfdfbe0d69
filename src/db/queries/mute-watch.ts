// A person's watch mutes: a poll, a region, both, or (both null) every alert.
import type { Sql } from '../client.ts';

/** Mutes the watch's alerts for a poll and/or a region (null: any); muting twice changes nothing. */
export async function muteWatch(
  sql: Sql,
  identityId: number,
  pollId: number | null,
  regionId: number | null,
): Promise<void> {
  await sql`
    insert into watch_mutes (identity_id, poll_id, region_id)
    values (${identityId}, ${pollId}, ${regionId})
    on conflict do nothing`;
}

/**
 * Undoes the mutes a person's `watch on` names: with a poll, those of that poll; with regions
 * (a region and those below it), those of these regions. Broader mutes stay.
 */
export async function unmuteWatch(
  sql: Sql,
  identityId: number,
  pollId: number | null,
  regionIds: number[] | null,
): Promise<void> {
  await sql`
    delete from watch_mutes where identity_id = ${identityId}
      ${pollId !== null ? sql`and poll_id = ${pollId}` : sql``}
      ${regionIds ? sql`and region_id = any(${regionIds})` : sql``}`;
}
