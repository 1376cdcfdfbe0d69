import type { Sql } from '../client.ts';

/** A digest subscription stops for good (its scheduled job is cancelled separately). */
export async function deleteDigest(sql: Sql, id: number): Promise<void> {
  await sql`delete from digest_subscriptions where id = ${id}`;
}

/** A digest subscription is paused, or resumed: it stays scheduled and posts nothing while paused. */
export async function setDigestPaused(sql: Sql, id: number, paused: boolean): Promise<void> {
  await sql`update digest_subscriptions set is_paused = ${paused} where id = ${id}`;
}
