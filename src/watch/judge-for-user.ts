// The watch's judgement of open poll runs as one person may see it: their regions only (the
// org's curves stand in, as aggregates, where a region has too little history of its own).
import type { CommandContext, Scope } from '../core/command.ts';
import { readWatchSettings } from '../db/queries/read-watch-settings.ts';
import type { Db, Sql } from '../db/client.ts';
import type { RegionTree } from '../domain/region-tree.ts';
import { judgeOpenRuns, listOpenRuns, type JudgedRun } from './judge-open-runs.ts';

export interface JudgeForInput {
  db: Db;
  sql: Sql;
  orgId: number;
  timezone: string;
  tree: RegionTree;
  scope: Scope;
  now: Date;
}

/** The open runs (all of them, or those of `pollRunIds`), judged within the scope. */
export async function judgeFor(input: JudgeForInput, pollRunIds?: number[]): Promise<JudgedRun[]> {
  const open = (await listOpenRuns(input.sql, input.orgId, input.timezone, input.now)).filter(
    (run) => !pollRunIds || pollRunIds.includes(run.id),
  );
  if (open.length === 0) return [];
  const settings = await readWatchSettings(input.sql, input.orgId);
  return judgeOpenRuns({ sql: input.sql, tree: input.tree, scope: input.scope, settings, now: input.now }, open);
}

/** The same for the person running a command. */
export function judgeForUser(ctx: CommandContext, pollRunIds?: number[]): Promise<JudgedRun[]> {
  return judgeFor(
    {
      db: ctx.services.db,
      sql: ctx.services.sql,
      orgId: ctx.org.id,
      timezone: ctx.org.timezone,
      tree: ctx.regions,
      scope: ctx.scope,
      now: ctx.services.now(),
    },
    pollRunIds,
  );
}

/** Regions behind in a judged run, most contacts short first. */
export function regionsBehind(run: JudgedRun, scope: Scope): number[] {
  if (run.judgement.kind !== 'open') return [];
  return [...run.judgement.byRegion]
    .filter(([regionId, s]) => s.level > 0 && (scope.all || scope.regionIds.includes(regionId)))
    .sort((a, b) => b[1].missing - a[1].missing)
    .map(([regionId]) => regionId);
}
