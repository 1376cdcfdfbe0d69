import type { Sql } from '../client.ts';

/**
 * A digest subscription of the org by id, for `digest pause|resume|stop`; with `createdBy`, only
 * one that person made (admins manage any). Null when there is none.
 */
export async function findDigest(
  sql: Sql,
  orgId: number,
  id: number,
  createdBy: number | null,
): Promise<{ id: number; cron: string; timezone: string } | null> {
  const mine = createdBy === null ? sql`` : sql`and created_by = ${createdBy}`;
  const [found] = await sql<{ id: number; cron: string; timezone: string }[]>`
    select id, cron, timezone from digest_subscriptions where id = ${id} and org_id = ${orgId} ${mine}`;
  return found ?? null;
}
