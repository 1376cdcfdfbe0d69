import type { Sql } from '../client.ts';
import type { PollRunKind } from '../schema/polls.ts';
import type { Scope } from '../../core/command.ts';
import { limitToScope } from '../limit-to-scope.ts';

export interface PollRunSummary {
  id: number;
  pollId: number;
  day: string;
  kind: PollRunKind;
  regionId: number | null;
  createdAt: string;
  /** When it was conducted: a start made here when it was confirmed, else its first run in RapidPro. */
  conductedAt: string;
  /** Who started it here; null for the runs RapidPro reports without a start made here. */
  startedBy: string | null;
}

/**
 * The poll run of a poll (on `day`, or the latest day) that the scope can see and that was
 * conducted last. A run is seen through its responses from contacts in the scope's regions, or —
 * a start made a moment ago, whose contacts RapidPro has not taken yet — through the contacts its
 * unsent batches hold.
 *
 * "Last" is by when it was conducted, not when its row was written: the runs RapidPro reports
 * without a start made here get their day's poll run when they are synced, which can be after a
 * start made here that same day although they were conducted before it.
 */
export async function findPollRun(
  sql: Sql,
  pollId: number,
  scope: Scope,
  day?: string,
): Promise<PollRunSummary | null> {
  const seen = sql`(
      -- Each response looks its contact up by key and the search stops at the first one in scope
      -- (0.1 ms). As a join, PostgreSQL hashed every contact first (38 ms at 100,000 contacts,
      -- growing with the workspace); \`offset 0\` keeps the lookup a per-row subquery.
      exists (
        select 1 from responses r
        cross join lateral (
          select 1 from contacts c
          where c.id = r.contact_id and c.region_id is not null
            ${limitToScope(sql, scope, 'c.region_id')}
          offset 0
        ) as seen
        where r.poll_run_id = pr.id
      )
      or exists (
        select 1 from outbound_messages m
        join outbound_batches b on b.message_id = m.id and b.state in ('pending', 'sending')
        join contacts c on c.org_id = m.org_id and c.uuid = any(b.contact_uuids)
        where m.state in ('pending', 'sending') and m.poll_run_id = pr.id and c.region_id is not null
          ${limitToScope(sql, scope, 'c.region_id')}
      ))`;
  const [latest] = day
    ? [{ day }]
    : await sql<{ day: string }[]>`
        select pr.day::text as day from poll_runs pr
        where pr.poll_id = ${pollId} and ${seen}
        order by pr.day desc limit 1`;
  if (!latest) return null;
  const [row] = await sql<PollRunSummary[]>`
    select pr.id, pr.poll_id as "pollId", pr.day::text as day, pr.kind, pr.region_id as "regionId",
           pr.created_at::text as "createdAt", pr.started_by as "startedBy",
           to_json(conducted.at) #>> '{}' as "conductedAt"
    from poll_runs pr
    cross join lateral (
      select case when pr.kind = 'universal'
        then coalesce((select min(r.created_on) from responses r where r.poll_run_id = pr.id), pr.created_at)
        else pr.created_at end as at
    ) as conducted
    where pr.poll_id = ${pollId} and pr.day = ${latest.day} and ${seen}
    order by conducted.at desc, pr.id desc
    limit 1`;
  return row ?? null;
}
