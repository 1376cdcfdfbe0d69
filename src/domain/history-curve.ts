// A poll run's curve: how many of its asked contacts had completed at each point of a fixed grid
// of times since its start. Past runs' curves are counted once and kept; a region's usual curve
// is the median of its last runs' curves, read at the same time since the start as now.
import { ancestorsOf, type RegionTree } from './region-tree.ts';

/**
 * Minutes since a run's start at which completes are counted: dense early, when answers come
 * fast, then sparser, up to a week (a run older than that is no longer watched).
 */
export const GRID_MINUTES: readonly number[] = [
  0, 5, 10, 15, 20, 30, 45, 60, 90, 120, 150, 180, 240, 300, 360, 480, 600, 720, 960, 1200, 1440, 2160, 2880, 4320,
  5760, 7200, 10080,
];

export const WATCH_HORIZON_MINUTES = GRID_MINUTES[GRID_MINUTES.length - 1]!;

export interface RunCurve {
  asked: number;
  /** Completes by `GRID_MINUTES[i]`, for each point up to the horizon. */
  completes: readonly number[];
  /** Minutes since the start that the curve covers (its run was that old when counted). */
  horizon: number;
}

/** Completes by `minutes`, linear between grid points; undefined beyond what the curve covers. */
function completesAt(curve: RunCurve, minutes: number): number | undefined {
  if (minutes > curve.horizon || minutes < 0) return undefined;
  let i = 1;
  while (i < GRID_MINUTES.length && GRID_MINUTES[i]! < minutes) i++;
  if (i >= GRID_MINUTES.length) return curve.completes[GRID_MINUTES.length - 1];
  const [from, to] = [GRID_MINUTES[i - 1]!, GRID_MINUTES[i]!];
  const [a, b] = [curve.completes[i - 1], curve.completes[i]];
  if (a === undefined) return undefined;
  // The next point may lie beyond the horizon: the last point known stands for it.
  if (b === undefined || to > curve.horizon) return a;
  return a + ((b - a) * (minutes - from)) / (to - from);
}

/** Share complete by `minutes`; undefined when nobody was asked or the curve does not reach it. */
export function shareAt(curve: RunCurve, minutes: number): number | undefined {
  if (curve.asked === 0) return undefined;
  const completes = completesAt(curve, minutes);
  return completes === undefined ? undefined : completes / curve.asked;
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = values.length === 1 ? values : [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The usual share by `minutes`: the median of the curves that reach it. */
export function usualShareAt(curves: readonly RunCurve[], minutes: number): number | undefined {
  const shares: number[] = [];
  for (const curve of curves) {
    const share = shareAt(curve, minutes);
    if (share !== undefined) shares.push(share);
  }
  return median(shares);
}

/**
 * When a run usually ends: the first grid point at which the usual curve reaches 95 % of where
 * it levels off (the last point every curve covers). Answers after that are stragglers.
 */
export function usualEnd(curves: readonly RunCurve[]): number | undefined {
  if (curves.length === 0) return undefined;
  const covered = Math.min(...curves.map((c) => c.horizon));
  const points = GRID_MINUTES.filter((m) => m <= covered);
  const last = points.length === 0 ? undefined : usualShareAt(curves, points[points.length - 1]!);
  if (last === undefined) return undefined;
  return points.find((m) => (usualShareAt(curves, m) ?? 0) >= 0.95 * last);
}

/**
 * Each region's curve with every region below it added in, as a parent's figures include its
 * children's. Summed in place: a pass rolls up thousands of regions for every past run.
 */
export function rollUpCurves(tree: RegionTree, own: ReadonlyMap<number, RunCurve>): Map<number, RunCurve> {
  const totals = new Map<number, { asked: number; completes: number[]; horizon: number }>();
  for (const [regionId, curve] of own) {
    for (const ancestor of ancestorsOf(tree, regionId)) {
      let total = totals.get(ancestor);
      if (!total) {
        total = { asked: 0, completes: [...curve.completes], horizon: curve.horizon };
        totals.set(ancestor, total);
        total.asked = curve.asked;
        continue;
      }
      total.asked += curve.asked;
      // Past the shorter curve's horizon the sum is not known.
      if (curve.completes.length < total.completes.length) total.completes.length = curve.completes.length;
      for (let i = 0; i < total.completes.length; i++) total.completes[i]! += curve.completes[i]!;
      total.horizon = Math.min(total.horizon, curve.horizon);
    }
  }
  return totals;
}

/** Cumulative completes per grid point from completes counted per grid bucket (bucket i: before point i). */
export function toCumulative(perBucket: ReadonlyMap<number, number>, horizon: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < GRID_MINUTES.length && GRID_MINUTES[i]! <= horizon; i++) {
    sum += perBucket.get(i) ?? 0;
    out.push(sum);
  }
  return out;
}
