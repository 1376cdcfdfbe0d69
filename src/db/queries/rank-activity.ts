import type { Sql } from '../client.ts';
import type { Scope } from '../../core/command.ts';
import { limitToScope } from '../limit-to-scope.ts';

export interface Ranked {
  name: string;
  complete: number;
  asked: number;
}

/**
 * The most active regions or reporter groups of some poll runs, from their figures (built
 * beforehand): by responses completed, then name. Regions are ranked on their own contacts (not
 * rolled up), so a province does not hide its districts; a reporter group counts every contact
 * in it, also those in other groups too.
 */
export async function rankActivity(
  sql: Sql,
  pollRunIds: number[],
  table: 'regions' | 'reporter_groups',
  column: 'region_id' | 'reporter_group_ids',
  scope: Scope,
  limit: number,
): Promise<Ranked[]> {
  return sql<Ranked[]>`
    select g.name, coalesce(sum(f.n) filter (where f.status = 'complete'), 0)::int as complete, sum(f.n)::int as asked
    from participation_figures f join ${sql(table)} g on ${column === 'region_id' ? sql`g.id = f.region_id` : sql`g.id = any(f.reporter_group_ids)`}
    where f.poll_run_id = any(${pollRunIds}::int[])
      ${limitToScope(sql, scope, 'f.region_id')}
    group by g.name order by complete desc, g.name limit ${limit}`;
}
