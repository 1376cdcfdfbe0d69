import type { Sql } from '../client.ts';
import type { ScheduleKind } from '../schema/schedules.ts';

/**
 * Calls off a schedule still to come (with `createdBy`, only one that person set); what it was,
 * or null when there is no such schedule. Its scheduled job is cancelled separately.
 */
export async function cancelSchedule(
  sql: Sql,
  orgId: number,
  id: number,
  createdBy: number | null,
): Promise<{ id: number; pollId: number; kind: ScheduleKind } | null> {
  const mine = createdBy === null ? sql`` : sql`and created_by = ${createdBy}`;
  const [cancelled] = await sql<{ id: number; pollId: number; kind: ScheduleKind }[]>`
    update schedules set cancelled_at = now()
    where id = ${id} and org_id = ${orgId} and cancelled_at is null and done_at is null ${mine}
    returning id, poll_id as "pollId", kind`;
  return cancelled ?? null;
}
