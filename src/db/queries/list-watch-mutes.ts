import type { Sql } from '../client.ts';

export interface WatchMute {
  /** Null: every poll. */
  pollId: number | null;
  /** Null: every region. */
  regionId: number | null;
}

/** A person's watch mutes. */
export async function listWatchMutes(sql: Sql, identityId: number): Promise<WatchMute[]> {
  return sql<WatchMute[]>`
      select poll_id as "pollId", region_id as "regionId" from watch_mutes where identity_id = ${identityId}`;
}

/**
 * A person's mutes that still cover a poll (null: none named) in a region after `watch on`: those
 * of every poll or that one, and of every region or one of `aboveRegionIds` (the regions above it).
 */
export async function listCoveringMutes(
  sql: Sql,
  identityId: number,
  pollId: number | null,
  aboveRegionIds: number[],
): Promise<WatchMute[]> {
  return sql<WatchMute[]>`
    select poll_id as "pollId", region_id as "regionId" from watch_mutes
    where identity_id = ${identityId}
      and (poll_id is null or poll_id = ${pollId})
      and (region_id is null or region_id = any(${aboveRegionIds}))`;
}
