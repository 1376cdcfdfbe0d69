import type { Sql } from '../client.ts';
import type { ResponseStatus } from '../schema/polls.ts';
import type { Scope } from '../../core/command.ts';

export interface ParticipationCount {
  regionId: number;
  reporterGroupId: number | null;
  status: ResponseStatus;
  n: number;
}

/**
 * Responses of a poll run by region, reporter group and status. Only active contacts inside a
 * region (and inside the scope) count, as in TracPro.
 */
export async function countParticipation(sql: Sql, pollRunId: number, scope: Scope): Promise<ParticipationCount[]> {
  return sql<ParticipationCount[]>`
    select c.region_id as "regionId", c.reporter_group_id as "reporterGroupId", r.status, count(*)::int as n
    from responses r join contacts c on c.id = r.contact_id
    where r.poll_run_id = ${pollRunId}
      and c.status = 'active' and not c.is_deleted and c.region_id is not null
      ${scope.all ? sql`` : sql`and c.region_id = any(${scope.regionIds})`}
    group by 1, 2, 3`;
}
