// Baseline beside follow-up (TracPro's Recent Indicators): the follow-up's sum on each date, as a
// share of the baseline of the regions asked that date, and per region rolled up the tree. Like
// is compared with like: a date on which only Kampala was asked is set against Kampala's baseline,
// never the whole organisation's, and says so.
import { rollUp, withDescendants, type RegionTree } from './region-tree.ts';

interface IndicatorPoint {
  day: string;
  value: number;
  /** The baseline of the regions asked that day; 0 without one. */
  baseline: number;
  /** The follow-up as a share of that baseline; null without a baseline. */
  share: number | null;
  /**
   * The highest regions asked that day (a region and all below it count as one), when fewer were
   * asked than have a baseline; null when every region was asked.
   */
  askedRegions: number[] | null;
}

export interface RegionIndicator {
  baseline: number;
  /** The follow-up on the latest date; 0 when the region gave none that day. */
  latest: number;
  /** Whether the region and every region below it with a baseline were asked on the latest date. */
  reported: boolean;
}

export interface IndicatorSummary {
  baseline: number;
  baselineContacts: number;
  /** Oldest first; poll runs of the same day (regional runs) count as one date. */
  series: IndicatorPoint[];
  byRegion: Map<number, RegionIndicator>;
}

export function summariseIndicator(
  rows: {
    baseline: readonly { regionId: number; value: number; contacts: number }[];
    followUp: readonly { day: string; regionId: number; value: number }[];
    /** The regions whose contacts were asked, per day (their own contacts, not below). */
    asked: readonly { day: string; regionId: number }[];
  },
  tree: RegionTree,
): IndicatorSummary {
  const baseline = rows.baseline.reduce((sum, row) => sum + row.value, 0);
  const baselineOf = new Map<number, number>();
  for (const row of rows.baseline) baselineOf.set(row.regionId, (baselineOf.get(row.regionId) ?? 0) + row.value);
  const askedOn = new Map<string, Set<number>>();
  for (const row of [...rows.asked, ...rows.followUp])
    (askedOn.get(row.day) ?? askedOn.set(row.day, new Set()).get(row.day)!).add(row.regionId);
  const valueOn = new Map<string, number>();
  for (const row of rows.followUp) valueOn.set(row.day, (valueOn.get(row.day) ?? 0) + row.value);

  const series = [...valueOn]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, value]): IndicatorPoint => {
      const asked = askedOn.get(day)!;
      const sameRegions = [...asked].reduce((sum, id) => sum + (baselineOf.get(id) ?? 0), 0);
      const missed = [...baselineOf.keys()].some((id) => !asked.has(id));
      return {
        day,
        value,
        baseline: sameRegions,
        share: sameRegions > 0 ? value / sameRegions : null,
        askedRegions: missed ? highestAsked(tree, asked, new Set([...asked, ...baselineOf.keys()])) : null,
      };
    });
  const latestDay = series.at(-1)?.day;
  const askedLatest = latestDay ? askedOn.get(latestDay)! : new Set<number>();

  // Per region on the latest date, only the regions asked count, in the baseline as in the
  // follow-up; a region shows when it and every region below it with a baseline were asked.
  const own = new Map<number, { baseline: number; latest: number; missed: boolean; asked: boolean }>();
  const at = (regionId: number) =>
    own.get(regionId) ??
    own.set(regionId, { baseline: 0, latest: 0, missed: false, asked: askedLatest.has(regionId) }).get(regionId)!;
  for (const [regionId, value] of baselineOf) {
    if (askedLatest.has(regionId)) at(regionId).baseline += value;
    else at(regionId).missed = true;
  }
  for (const row of rows.followUp) if (row.day === latestDay) at(row.regionId).latest += row.value;
  for (const regionId of askedLatest) at(regionId);
  const rolled = rollUp(
    tree,
    own,
    () => ({ baseline: 0, latest: 0, missed: false, asked: false }),
    (total, part) => ({
      baseline: total.baseline + part.baseline,
      latest: total.latest + part.latest,
      missed: total.missed || part.missed,
      asked: total.asked || part.asked,
    }),
  );
  const byRegion = new Map<number, RegionIndicator>(
    [...rolled].map(([id, r]) => [id, { baseline: r.baseline, latest: r.latest, reported: r.asked && !r.missed }]),
  );
  return { baseline, baselineContacts: rows.baseline.reduce((sum, row) => sum + row.contacts, 0), series, byRegion };
}

/**
 * The regions to name for a partial date: the highest ones that were asked with every region
 * below them that has a baseline ("Kampala" for a start in Kampala and its districts).
 */
function highestAsked(tree: RegionTree, asked: ReadonlySet<number>, relevant: ReadonlySet<number>): number[] {
  const covered = (id: number): boolean =>
    (asked.has(id) || !relevant.has(id)) && (tree.children.get(id) ?? []).every((child) => covered(child.id));
  const named = (id: number) => covered(id) && withDescendants(tree, [id]).some((below) => asked.has(below));
  return withDescendants(
    tree,
    (tree.children.get(null) ?? []).map((r) => r.id),
  ).filter((id) => {
    const parent = tree.byId.get(id)?.parentId;
    return named(id) && (parent == null || !named(parent));
  });
}
