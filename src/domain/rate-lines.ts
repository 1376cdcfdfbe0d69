// The response rate over time, as TracPro's poll pages chart it: one line for the whole scope,
// and one for each region directly below its top, each region counting the regions under it.
// Many regions would be a tangle of lines, so only the largest keep their own; the rest are
// added together as "others". Seven: with the scope's line, the eight colours colour-blind readers
// can tell apart, and "others" in grey.
import type { ResponseStatus } from '../db/schema/polls.ts';
import { addParticipation, noParticipation, toParticipation, type Participation } from './participation.ts';
import { ancestorsOf, type RegionTree } from './region-tree.ts';

/** Lines for regions, besides the scope's own and "others". */
const MAX_REGION_LINES = 7;

export interface RateLine {
  /** `'scope'`: every contact in scope; `'others'`: the regions beyond the largest; else a region. */
  key: number | 'scope' | 'others';
  /** Per date, in date order. */
  points: { day: string; participation: Participation }[];
}

/**
 * `top`: the region asked for, or null for the user's whole scope (then the regions below it are
 * the top-most regions in scope, or the children of the only one).
 */
export function toRateLines(
  counts: readonly { day: string; regionId: number; status: ResponseStatus; n: number }[],
  tree: RegionTree,
  inScope: readonly number[],
  top: number | null,
): RateLine[] {
  const below = linesBelow(tree, inScope, top);
  // Each count goes to the scope's line and to the line of the region below the top it lies in.
  const byLine = new Map<number | 'scope', Map<string, Participation>>();
  const add = (key: number | 'scope', day: string, part: Participation) => {
    const days = byLine.get(key) ?? new Map<string, Participation>();
    days.set(day, addParticipation(days.get(day) ?? noParticipation(), part));
    byLine.set(key, days);
  };
  for (const count of counts) {
    const part = toParticipation({ [count.status]: count.n });
    add('scope', count.day, part);
    const line = ancestorsOf(tree, count.regionId).find((id) => below.has(id));
    if (line !== undefined) add(line, count.day, part);
  }
  const asked = (key: number) => [...(byLine.get(key)?.values() ?? [])].reduce((sum, p) => sum + p.asked, 0);
  const ranked = [...below].filter((id) => asked(id) > 0).sort((a, b) => asked(b) - asked(a) || a - b);
  const kept = ranked.slice(0, MAX_REGION_LINES);
  const others = new Map<string, Participation>();
  for (const id of ranked.slice(kept.length)) {
    for (const [day, part] of byLine.get(id)!)
      others.set(day, addParticipation(others.get(day) ?? noParticipation(), part));
  }
  const toPoints = (days: Map<string, Participation> | undefined) =>
    [...(days ?? new Map<string, Participation>())]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, participation]) => ({ day, participation }));
  const lines: RateLine[] = [{ key: 'scope', points: toPoints(byLine.get('scope')) }];
  for (const id of kept) lines.push({ key: id, points: toPoints(byLine.get(id)) });
  if (others.size > 0) lines.push({ key: 'others', points: toPoints(others) });
  return lines;
}

function linesBelow(tree: RegionTree, inScope: readonly number[], top: number | null): Set<number> {
  if (top !== null) return new Set((tree.children.get(top) ?? []).map((r) => r.id));
  const scope = new Set(inScope);
  const tops = inScope.filter((id) => {
    const parent = tree.byId.get(id)?.parentId ?? null;
    return parent === null || !scope.has(parent) || !tree.byId.has(parent);
  });
  return tops.length === 1 ? linesBelow(tree, inScope, tops[0]!) : new Set(tops);
}
