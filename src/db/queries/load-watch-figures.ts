// What a pass of the watch reads for a person's regions (or everyone's): the open runs' figures
// and the past runs' curves, per region. Both limited to the scope.
import type { Scope } from '../../core/command.ts';
import type { RunCurve } from '../../domain/history-curve.ts';
import type { RunFigures } from '../../domain/judge-run.ts';
import type { Sql } from '../client.ts';
import { limitToScope } from '../limit-to-scope.ts';
import { ensureFigures } from './build-figures.ts';

/** Asked and complete per poll run and region (the region's own contacts), from the figures. */
export async function countCompletes(
  sql: Sql,
  pollRunIds: number[],
  scope: Scope,
): Promise<Map<number, Map<number, RunFigures>>> {
  await ensureFigures(sql, pollRunIds);
  const rows = await sql<{ pollRunId: number; regionId: number; asked: number; complete: number }[]>`
    select poll_run_id as "pollRunId", region_id as "regionId", sum(n)::int as asked,
           coalesce(sum(n) filter (where status = 'complete'), 0)::int as complete
    from participation_figures
    where poll_run_id = any(${pollRunIds}) ${limitToScope(sql, scope, 'region_id')}
    group by 1, 2`;
  return groupByRun(rows, (r) => ({ asked: r.asked, complete: r.complete }));
}

/** The counted curves of past poll runs per region (see build-watch-curves.ts). */
export async function loadCurves(
  sql: Sql,
  runs: { pollRunId: number; horizon: number }[],
  scope: Scope,
): Promise<Map<number, Map<number, RunCurve>>> {
  const horizons = new Map(runs.map((r) => [r.pollRunId, r.horizon]));
  const rows = await sql<{ pollRunId: number; regionId: number; asked: number; completes: number[] }[]>`
    select poll_run_id as "pollRunId", region_id as "regionId", asked, completes
    from watch_curves
    where poll_run_id = any(${[...horizons.keys()]}) ${limitToScope(sql, scope, 'region_id')}`;
  return groupByRun(rows, (r) => ({ asked: r.asked, completes: r.completes, horizon: horizons.get(r.pollRunId)! }));
}

/** The past runs of a poll before this one, newest first (`limit` of them). */
export async function listPastRuns(
  sql: Sql,
  run: { id: number; pollId: number; day: string },
  limit: number,
): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select id from poll_runs
    where poll_id = ${run.pollId} and (day < ${run.day} or (day = ${run.day} and id < ${run.id}))
    order by day desc, id desc limit ${limit}`;
  return rows.map((r) => r.id);
}

function groupByRun<R extends { pollRunId: number; regionId: number }, T>(
  rows: readonly R[],
  value: (row: R) => T,
): Map<number, Map<number, T>> {
  const out = new Map<number, Map<number, T>>();
  for (const row of rows) {
    const byRegion = out.get(row.pollRunId) ?? new Map<number, T>();
    out.set(row.pollRunId, byRegion);
    byRegion.set(row.regionId, value(row));
  }
  return out;
}
