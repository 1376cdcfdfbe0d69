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

/** Each poll run's past runs (of the same poll, before it), newest first, `limit` of them. */
export async function listPastRuns(sql: Sql, pollRunIds: number[], limit: number): Promise<Map<number, number[]>> {
  const rows = await sql<{ runId: number; pastId: number }[]>`
    select r.id as "runId", past.id as "pastId"
    from poll_runs r
    cross join lateral (
      select p.id, row_number() over (order by p.day desc, p.id desc) as n from poll_runs p
      where p.poll_id = r.poll_id and (p.day < r.day or (p.day = r.day and p.id < r.id))
      order by p.day desc, p.id desc limit ${limit}
    ) as past
    where r.id = any(${pollRunIds})
    order by r.id, past.n`;
  const out = new Map<number, number[]>(pollRunIds.map((id) => [id, []]));
  for (const row of rows) out.get(row.runId)!.push(row.pastId);
  return out;
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
