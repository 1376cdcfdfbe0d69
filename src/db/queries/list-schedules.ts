import type { Sql } from '../client.ts';
import type { ScheduleKind } from '../schema/schedules.ts';

export interface ScheduleRow {
  id: number;
  kind: ScheduleKind;
  poll: string;
  region: string | null;
  /** A one-off's moment, `YYYY-MM-DD HH24:MI` in its time zone. */
  at: string | null;
  /** A repeated start's cron. */
  cron: string | null;
  timezone: string;
  /** The date of the poll run a reminder is for. */
  day: string | null;
}

/**
 * Poll starts and reminders still to come (not cancelled, not done), soonest first; with
 * `createdBy`, only those that person set.
 */
export async function listSchedules(sql: Sql, orgId: number, createdBy: number | null): Promise<ScheduleRow[]> {
  const mine = createdBy === null ? sql`` : sql`and s.created_by = ${createdBy}`;
  return sql<ScheduleRow[]>`
      select s.id, s.kind, p.name as poll, g.name as region, s.cron, s.timezone, pr.day::text as day,
             to_char(s.at at time zone s.timezone, 'YYYY-MM-DD HH24:MI') as at
      from schedules s join polls p on p.id = s.poll_id left join regions g on g.id = s.region_id
      left join poll_runs pr on pr.id = s.poll_run_id
      where s.org_id = ${orgId} and s.cancelled_at is null and s.done_at is null ${mine}
      order by coalesce(s.at, s.created_at)`;
}
