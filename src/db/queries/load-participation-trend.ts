import type { Sql } from '../client.ts';
import { limitToScope } from '../limit-to-scope.ts';
import type { ResponseStatus } from '../schema/polls.ts';
import type { Scope } from '../../core/command.ts';
import { ensureFigures } from './build-figures.ts';

export interface DayStatusCount {
  day: string;
  regionId: number;
  status: ResponseStatus;
  n: number;
}

/**
 * Responses by date, region and status for a poll's runs since a day, among contacts in scope,
 * read from the poll runs' figures. Runs of the same day (regional runs) count as one date.
 */
export async function loadParticipationTrend(
  sql: Sql,
  options: { pollId: number; scope: Scope; since: string },
): Promise<DayStatusCount[]> {
  const runs = await sql<
    { id: number }[]
  >`select id from poll_runs where poll_id = ${options.pollId} and day >= ${options.since}`;
  const ids = runs.map((r) => r.id);
  if (ids.length === 0) return [];
  await ensureFigures(sql, ids);
  return sql<DayStatusCount[]>`
    select pr.day::text as day, f.region_id as "regionId", f.status, sum(f.n)::int as n
    from participation_figures f join poll_runs pr on pr.id = f.poll_run_id
    where f.poll_run_id = any(${ids}) ${limitToScope(sql, options.scope, 'f.region_id')}
    group by 1, 2, 3 order by 1`;
}
