// Is a region behind in an open poll run? Its share complete now against its usual share at the
// same time since the start (the median of its last runs of the poll; the org's when it has too
// few), and where it is heading at this pace. Pure: the curves and figures come from the mirror.
import { rollUpCurves, shareAt, usualEnd, usualShareAt, type RunCurve } from './history-curve.ts';
import { rollUp, type RegionTree } from './region-tree.ts';
import type { WatchSettings } from './watch-settings.ts';

/** 0: on track; 1: behind; 2: far behind. */
type Lateness = 0 | 1 | 2;

export interface Standing {
  asked: number;
  complete: number;
  share: number;
  /** The usual share complete at this time since the start. */
  usual: number;
  /** Contacts short of the usual share. */
  missing: number;
  level: Lateness;
  /** Share complete expected by the usual end at this pace, and the usual share then. */
  forecast: number;
  usualFinal: number;
  /** Whose curve `usual` comes from: the region's own past runs, or the org's. */
  basis: 'region' | 'org';
  /** How many past runs make the usual curve. */
  runs: number;
}

export type RunJudgement =
  | { kind: 'no-history'; runs: number }
  | { kind: 'ended'; endsAt: number }
  | {
      kind: 'open';
      /** Minutes since the start at which the run usually ends. */
      endsAt: number;
      total: Standing | null;
      byRegion: Map<number, Standing>;
    };

export interface RunFigures {
  asked: number;
  complete: number;
}

export interface PastRun {
  /** The whole org's curve. */
  total: RunCurve;
  /** Each region's own contacts' curve (rolled up the tree here). */
  byRegion: ReadonlyMap<number, RunCurve>;
}

/**
 * `past` holds the poll's earlier runs, newest first; `own` the open run's figures per region
 * (each region's own contacts). Both may be limited to a person's regions: the org's curves
 * are whole either way, as aggregates.
 */
export function judgeRun(input: {
  tree: RegionTree;
  own: ReadonlyMap<number, RunFigures>;
  past: readonly PastRun[];
  elapsedMinutes: number;
  settings: WatchSettings;
}): RunJudgement {
  const { tree, settings, elapsedMinutes } = input;
  const pastRolled = input.past.map((run) => rollUpCurves(tree, run.byRegion));
  const pastTotals = input.past
    .map((run) => run.total)
    .filter((c) => c.asked > 0)
    .slice(0, settings.historyRuns);
  if (pastTotals.length < settings.minHistoryRuns) return { kind: 'no-history', runs: pastTotals.length };
  const endsAt = usualEnd(pastTotals);
  if (endsAt === undefined) return { kind: 'no-history', runs: pastTotals.length };
  if (elapsedMinutes > endsAt) return { kind: 'ended', endsAt };

  const stand = (figures: RunFigures, own: RunCurve[]): Standing | null => {
    const basis = own.length >= settings.minHistoryRuns ? 'region' : 'org';
    const curves = basis === 'region' ? own : pastTotals;
    const usual = usualShareAt(curves, elapsedMinutes);
    if (figures.asked === 0 || usual === undefined) return null;
    const usualFinal = usualShareAt(curves, endsAt) ?? usual;
    return {
      ...judgeLateness(figures, usual, settings),
      forecast: forecastShare(figures.complete / figures.asked, usual, usualFinal),
      usualFinal,
      basis,
      runs: curves.length,
    };
  };
  const rolled = rollUp(
    tree,
    input.own,
    () => ({ asked: 0, complete: 0 }),
    (a, b) => ({ asked: a.asked + b.asked, complete: a.complete + b.complete }),
  );
  const byRegion = new Map<number, Standing>();
  for (const [regionId, figures] of rolled) {
    // The region's own history: its last runs in which any of its contacts were asked, and
    // that reach this time since their start.
    const own: RunCurve[] = [];
    for (const curves of pastRolled) {
      const curve = curves.get(regionId);
      if (curve && shareAt(curve, elapsedMinutes) !== undefined) own.push(curve);
      if (own.length === settings.historyRuns) break;
    }
    const standing = stand(figures, own);
    if (standing) byRegion.set(regionId, standing);
  }
  const total = [...input.own.values()].reduce(
    (a, b) => ({ asked: a.asked + b.asked, complete: a.complete + b.complete }),
    { asked: 0, complete: 0 },
  );
  return { kind: 'open', endsAt, total: stand(total, pastTotals), byRegion };
}

/** Behind when clearly below the usual share and short of it by enough contacts to matter. */
export function judgeLateness(
  figures: RunFigures,
  usual: number,
  settings: Pick<WatchSettings, 'belowShare' | 'farBelowShare' | 'minMissing'>,
): Pick<Standing, 'asked' | 'complete' | 'share' | 'usual' | 'missing' | 'level'> {
  const share = figures.asked === 0 ? 0 : figures.complete / figures.asked;
  const missing = Math.max(0, Math.round(usual * figures.asked) - figures.complete);
  const level: Lateness =
    missing < settings.minMissing || usual <= 0
      ? 0
      : share < usual * settings.farBelowShare
        ? 2
        : share < usual * settings.belowShare
          ? 1
          : 0;
  return { asked: figures.asked, complete: figures.complete, share, usual, missing, level };
}

/**
 * Where the run is heading at this pace: the share now, grown as the usual curve grows from now
 * to its end (a region at half its usual pace ends near half its usual share). Never above 100 %.
 */
export function forecastShare(share: number, usualNow: number, usualFinal: number): number {
  if (usualNow <= 0) return Math.min(1, Math.max(share, usualFinal));
  return Math.min(1, (share * usualFinal) / usualNow);
}
