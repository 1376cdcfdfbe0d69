import type { Sql } from '../client.ts';
import type { Scope } from '../../core/command.ts';
import { ensureFigures } from './build-figures.ts';
import { limitToScope } from '../limit-to-scope.ts';

export interface NumberPoint {
  day: string;
  average: number;
  sum: number;
  count: number;
}

/**
 * A numeric question's average and sum per date over the poll's latest runs, among contacts in
 * scope, read from the poll runs' figures. Runs of the same day (regional runs) count as one date.
 */
export async function loadNumberTrend(
  sql: Sql,
  options: { pollId: number; questionId: number; scope: Scope; until: string; runs: number },
): Promise<NumberPoint[]> {
  const runs = await sql<{ id: number }[]>`
    select id from poll_runs where poll_id = ${options.pollId} and day <= ${options.until}
    order by day desc, created_at desc limit ${options.runs}`;
  await ensureFigures(
    sql,
    runs.map((r) => r.id),
  );
  const rows = await sql<{ day: string; sum: string; count: number }[]>`
    select pr.day::text as day, sum(f.sum)::text as sum, sum(f.numbers)::int as count
    from answer_figures f join poll_runs pr on pr.id = f.poll_run_id
    where f.poll_run_id = any(${runs.map((r) => r.id)}) and f.question_id = ${options.questionId} and f.numbers > 0
      ${limitToScope(sql, options.scope, 'f.region_id')}
    group by pr.day order by pr.day`;
  return rows.map((r) => ({ day: r.day, sum: Number(r.sum), count: r.count, average: Number(r.sum) / r.count }));
}
