// What a person set up keeps acting in their name after they lose access unless it is withdrawn
// with it: their digests, reminders and scheduled starts, their unconfirmed messages and their
// unused invites. Removing a person withdraws all of it; removing some of their regions narrows
// each to the regions they keep, and withdraws what is left with none.
import type { Sql } from '../client.ts';

export interface Withdrawn {
  digests: number[];
  schedules: number[];
  drafts: number;
  invites: number;
}

/** `keep`: the region ids (descendants included) the person still sees; empty when removed. */
export async function withdrawSetups(sql: Sql, identityId: number, keep: number[]): Promise<Withdrawn> {
  return sql.begin(async (tx) => {
    // Narrowed first: a setup left with no region of theirs is then withdrawn below.
    await tx`
      update digest_subscriptions set region_ids = array(select unnest(region_ids) intersect select unnest(${keep}::int[]))
      where created_by = ${identityId} and region_ids is not null`;
    await tx`
      update schedules set region_ids = array(select unnest(region_ids) intersect select unnest(${keep}::int[]))
      where created_by = ${identityId} and region_ids is not null and done_at is null and cancelled_at is null`;
    const digests = await tx<{ id: number }[]>`
      delete from digest_subscriptions
      where created_by = ${identityId} and (cardinality(${keep}::int[]) = 0 or cardinality(region_ids) = 0)
      returning id`;
    const schedules = await tx<{ id: number }[]>`
      update schedules set cancelled_at = now()
      where created_by = ${identityId} and done_at is null and cancelled_at is null
        and (cardinality(${keep}::int[]) = 0 or cardinality(region_ids) = 0 or (region_id is not null and not region_id = any(${keep}::int[])))
      returning id`;
    // Unconfirmed messages were counted in the old scope: confirming one now could reach people
    // the person no longer sees.
    const drafts =
      await tx`delete from outbound_messages where requested_by = ${identityId} and state = 'draft' returning 1`;
    const invites = await tx`
      update invites set expires_at = now()
      where created_by = ${identityId} and used_at is null and expires_at > now()
        and (cardinality(${keep}::int[]) = 0 or not region_ids <@ ${keep}::int[])
      returning 1`;
    return {
      digests: digests.map((d) => d.id),
      schedules: schedules.map((s) => s.id),
      drafts: drafts.length,
      invites: invites.length,
    };
  });
}
