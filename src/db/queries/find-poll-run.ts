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
}

/**
 * The latest poll run of a poll (optionally on one day) that the scope can see: one with at least
 * one response from a contact in the scope's regions.
 */
export async function findPollRun(sql: Sql, pollId: number, scope: Scope, day?: string): Promise<PollRunSummary | null> {
  const [row] = await sql<PollRunSummary[]>`
    select pr.id, pr.poll_id as "pollId", pr.day::text as day, pr.kind, pr.region_id as "regionId",
           pr.created_at::text as "createdAt"
    from poll_runs pr
    where pr.poll_id = ${pollId}
      ${day ? sql`and pr.day = ${day}` : sql``}
      and exists (
        select 1 from responses r join contacts c on c.id = r.contact_id
        where r.poll_run_id = pr.id and c.region_id is not null
          ${limitToScope(sql, scope, 'c.region_id')}
      )
    order by pr.day desc, pr.created_at desc
    limit 1`;
  return row ?? null;
}
