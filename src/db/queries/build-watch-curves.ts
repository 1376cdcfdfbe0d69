// The watch's counts of poll runs, made once and kept (watch_runs, watch_curves): when each run
// started, and how many of its contacts had completed by each point of the grid, per region and
// in all. A pass of the watch then reads a few rows per region instead of every response.
import type { Sql } from '../client.ts';
import { countedContact } from './counted-contact.ts';
import { GRID_MINUTES, toCumulative, WATCH_HORIZON_MINUTES } from '../../domain/history-curve.ts';

export interface WatchRun {
  pollRunId: number;
  startedAt: Date;
  /** Minutes after the start the curves cover (0: not counted). */
  horizon: number;
  asked: number;
  completes: number[];
}

/**
 * The watch's row of each poll run that has responses, made for those that lack one. A run
 * starts when its first contact's run was created (universal poll runs are made by the sync,
 * later than that).
 */
export async function ensureWatchRuns(sql: Sql, pollRunIds: number[]): Promise<Map<number, WatchRun>> {
  if (pollRunIds.length === 0) return new Map();
  const read = () => sql<WatchRun[]>`
    select poll_run_id as "pollRunId", started_at as "startedAt", horizon, asked, completes
    from watch_runs where poll_run_id = any(${pollRunIds})`;
  let rows = await read();
  const missing = pollRunIds.filter((id) => !rows.some((r) => r.pollRunId === id));
  if (missing.length > 0) {
    await sql`
      insert into watch_runs (poll_run_id, started_at)
      select r.poll_run_id, min(r.created_on) from responses r where r.poll_run_id = any(${missing}) group by 1
      on conflict do nothing`;
    rows = await read();
  }
  // Timestamps arrive as text (see client.ts): the start is used as a time.
  return new Map(rows.map((r) => [r.pollRunId, { ...r, startedAt: new Date(r.startedAt) }]));
}

/** How many grid points a horizon covers. */
const pointsWithin = (minutes: number) => GRID_MINUTES.filter((m) => m <= minutes).length;

/**
 * Counts the curves of these (past) poll runs again where time has carried them past another
 * point of the grid since they were counted; returns their rows as they now are.
 */
export async function ensureCurves(sql: Sql, runs: WatchRun[], now: Date): Promise<WatchRun[]> {
  const out: WatchRun[] = [];
  for (const run of runs) {
    const reached = Math.min(WATCH_HORIZON_MINUTES, Math.floor((now.getTime() - run.startedAt.getTime()) / 60_000));
    out.push(pointsWithin(reached) > pointsWithin(run.horizon) ? await countCurves(sql, run, reached) : run);
  }
  return out;
}

async function countCurves(sql: Sql, run: WatchRun, horizon: number): Promise<WatchRun> {
  return sql.begin(async (tx) => {
    // Processes counting the same run take turns; the second finds it counted.
    await tx`select pg_advisory_xact_lock(hashtext('watch-curves'), ${run.pollRunId})`;
    const [current] = await tx<{ horizon: number; asked: number; completes: number[] }[]>`
      select horizon, asked, completes from watch_runs where poll_run_id = ${run.pollRunId}`;
    if (current && pointsWithin(current.horizon) >= pointsWithin(horizon)) return { ...run, ...current };
    // A complete response was last modified when it completed (RapidPro's modified_on of a
    // finished run); its bucket is the grid interval that time falls in.
    const rows = await tx<{ regionId: number; bucket: number | null; n: number }[]>`
      select c.region_id as "regionId",
             case when r.status = 'complete'
               then width_bucket(extract(epoch from r.updated_on - ${run.startedAt.toISOString()}::timestamptz) / 60, ${GRID_MINUTES as number[]}::float8[])
             end as bucket,
             count(*)::int as n
      from responses r join contacts c on c.id = r.contact_id
      where r.poll_run_id = ${run.pollRunId} and ${countedContact(tx as unknown as Sql)}
      group by 1, 2`;
    const byRegion = new Map<number, { asked: number; buckets: Map<number, number> }>();
    const all = { asked: 0, buckets: new Map<number, number>() };
    for (const row of rows) {
      const region = byRegion.get(row.regionId) ?? { asked: 0, buckets: new Map() };
      byRegion.set(row.regionId, region);
      for (const into of [region, all]) {
        into.asked += row.n;
        if (row.bucket !== null) into.buckets.set(row.bucket, (into.buckets.get(row.bucket) ?? 0) + row.n);
      }
    }
    const curves = [...byRegion].map(([regionId, r]) => ({
      r: regionId,
      a: r.asked,
      c: toCumulative(r.buckets, horizon),
    }));
    await tx`delete from watch_curves where poll_run_id = ${run.pollRunId}`;
    await tx`
      insert into watch_curves (poll_run_id, region_id, asked, completes)
      select ${run.pollRunId}::int, (e->>'r')::int, (e->>'a')::int, array(select jsonb_array_elements_text(e->'c')::int)
      from jsonb_array_elements(${JSON.stringify(curves)}::jsonb) e`;
    const completes = toCumulative(all.buckets, horizon);
    await tx`
      update watch_runs set horizon = ${horizon}, asked = ${all.asked}, completes = ${completes}
      where poll_run_id = ${run.pollRunId}`;
    return { ...run, horizon, asked: all.asked, completes };
  });
}
