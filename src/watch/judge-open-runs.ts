// Which poll runs are open, and how each region stands in them: the mirror's figures and the
// past runs' curves, judged by src/domain/judge-run.ts. Reads the mirror only (no RapidPro).
import type { Scope } from '../core/command.ts';
import type { Sql } from '../db/client.ts';
import { ensureCurves, ensureWatchRuns } from '../db/queries/build-watch-curves.ts';
import { countCompletes, listPastRuns, loadCurves } from '../db/queries/load-watch-figures.ts';
import { WATCH_HORIZON_MINUTES } from '../domain/history-curve.ts';
import { judgeRun, type PastRun, type RunJudgement } from '../domain/judge-run.ts';
import { localDay } from '../domain/local-day.ts';
import type { RegionTree } from '../domain/region-tree.ts';
import type { WatchSettings } from '../domain/watch-settings.ts';

export interface OpenRun {
  id: number;
  pollId: number;
  poll: string;
  day: string;
  startedAt: Date;
}

export interface JudgedRun extends OpenRun {
  judgement: RunJudgement;
}

interface JudgeInput {
  sql: Sql;
  tree: RegionTree;
  scope: Scope;
  settings: WatchSettings;
  now: Date;
}

/** Poll runs of active polls that started less than the watch's horizon (a week) ago. */
export async function listOpenRuns(sql: Sql, orgId: number, timezone: string, now: Date): Promise<OpenRun[]> {
  const since = localDay(new Date(now.getTime() - WATCH_HORIZON_MINUTES * 60_000 - 86_400_000), timezone);
  const candidates = await sql<{ id: number; pollId: number; poll: string; day: string }[]>`
    select pr.id, pr.poll_id as "pollId", p.name as poll, pr.day::text as day
    from poll_runs pr join polls p on p.id = pr.poll_id
    where pr.org_id = ${orgId} and p.is_active and pr.day >= ${since}
    order by pr.day, pr.id`;
  const started = await ensureWatchRuns(
    sql,
    candidates.map((c) => c.id),
  );
  return candidates.flatMap((c) => {
    const startedAt = started.get(c.id)?.startedAt;
    const minutes = startedAt ? (now.getTime() - startedAt.getTime()) / 60_000 : -1;
    return startedAt && minutes >= 0 && minutes <= WATCH_HORIZON_MINUTES ? [{ ...c, startedAt }] : [];
  });
}

/** Each open run judged, region by region, within the scope. */
export async function judgeOpenRuns(input: JudgeInput, runs: OpenRun[]): Promise<JudgedRun[]> {
  if (runs.length === 0) return [];
  const ids = runs.map((r) => r.id);
  const figures = await countCompletes(input.sql, ids, input.scope);
  const past = await loadPast(input, ids);
  return runs.map((run) => ({
    ...run,
    judgement: judgeRun({
      tree: input.tree,
      own: figures.get(run.id) ?? new Map(),
      past: past.get(run.id) ?? [],
      elapsedMinutes: (input.now.getTime() - run.startedAt.getTime()) / 60_000,
      settings: input.settings,
    }),
  }));
}

/**
 * Each run's earlier runs of its poll, newest first, with their curves: twice as many as the
 * usual curve takes, so a region missing from some (runs started for other regions) still finds
 * its own. Runs of one poll share theirs; each is read once.
 */
async function loadPast(input: JudgeInput, runIds: number[]): Promise<Map<number, PastRun[]>> {
  const pastIds = await listPastRuns(input.sql, runIds, input.settings.historyRuns * 2);
  const all = [...new Set([...pastIds.values()].flat())];
  const known = await ensureWatchRuns(input.sql, all);
  const counted = await ensureCurves(
    input.sql,
    all.flatMap((id) => known.get(id) ?? []),
    input.now,
  );
  const curves = await loadCurves(input.sql, counted, input.scope);
  const byId = new Map<number, PastRun>(
    counted.map((r) => [
      r.pollRunId,
      {
        total: { asked: r.asked, completes: r.completes, horizon: r.horizon },
        byRegion: curves.get(r.pollRunId) ?? new Map(),
      },
    ]),
  );
  return new Map(runIds.map((id) => [id, (pastIds.get(id) ?? []).flatMap((pastId) => byId.get(pastId) ?? [])]));
}
