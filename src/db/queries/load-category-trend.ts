import type { Sql } from '../client.ts';
import { limitToScope } from '../limit-to-scope.ts';
import type { Scope } from '../../core/command.ts';
import { ensureFigures } from './build-figures.ts';

export interface DayCategoryCount {
  day: string;
  category: string | null;
  n: number;
}

/**
 * A question's answers by date and category over the poll's latest runs up to a day, among
 * contacts in scope, read from the poll runs' figures. Runs of the same day count as one date.
 */
export async function loadCategoryTrend(
  sql: Sql,
  options: { pollId: number; questionId: number; scope: Scope; until: string; runs: number },
): Promise<DayCategoryCount[]> {
  const runs = await sql<{ id: number }[]>`
    select id from poll_runs where poll_id = ${options.pollId} and day <= ${options.until}
    order by day desc, created_at desc limit ${options.runs}`;
  const ids = runs.map((r) => r.id);
  if (ids.length === 0) return [];
  await ensureFigures(sql, ids);
  return sql<DayCategoryCount[]>`
    select pr.day::text as day, f.category, sum(f.n)::int as n
    from answer_figures f join poll_runs pr on pr.id = f.poll_run_id
    where f.poll_run_id = any(${ids}) and f.question_id = ${options.questionId}
      ${limitToScope(sql, options.scope, 'f.region_id')}
    group by 1, 2 order by 1`;
}
