import type { Sql } from '../client.ts';
import type { ResponseStatus } from '../schema/polls.ts';
import type { Scope } from '../../core/command.ts';
import { ensureFigures } from './build-figures.ts';
import { limitToScope } from '../limit-to-scope.ts';

export interface ParticipationCount {
  regionId: number;
  /** The reporter groups these contacts all belong to (empty: none). */
  reporterGroupIds: number[];
  status: ResponseStatus;
  n: number;
}

/**
 * Responses of a poll run by region, set of reporter groups and status, from its figures. Only active
 * contacts inside a region (and inside the scope) count, as in TracPro.
 */
export async function countParticipation(sql: Sql, pollRunId: number, scope: Scope): Promise<ParticipationCount[]> {
  await ensureFigures(sql, [pollRunId]);
  return sql<ParticipationCount[]>`
    select region_id as "regionId", reporter_group_ids as "reporterGroupIds", status, sum(n)::int as n
    from participation_figures
    where poll_run_id = ${pollRunId} ${limitToScope(sql, scope, 'region_id')}
    group by 1, 2, 3`;
}
