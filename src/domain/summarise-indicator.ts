// Baseline beside follow-up (TracPro's Recent Indicators): the follow-up's sum on each date,
// as a share of the baseline, and per region rolled up the tree.
import { rollUp, type RegionTree } from './region-tree.ts';

interface IndicatorPoint {
  day: string;
  value: number;
  /**
   * The follow-up as a share of the baseline of the same regions — those that reported that day
   * (a run held in one region is set against that region's baseline) — null without a baseline.
   */
  share: number | null;
}

export interface RegionIndicator {
  baseline: number;
  /** The follow-up on the latest date; 0 when the region gave none that day. */
  latest: number;
  /** Whether the region (or one below it) reported on the latest date: those that did not were not asked. */
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
  },
  tree: RegionTree,
): IndicatorSummary {
  const baseline = rows.baseline.reduce((sum, row) => sum + row.value, 0);
  const baselineOf = new Map<number, number>();
  for (const row of rows.baseline) baselineOf.set(row.regionId, (baselineOf.get(row.regionId) ?? 0) + row.value);
  const byDay = new Map<string, { value: number; regions: Set<number> }>();
  for (const row of rows.followUp) {
    const day = byDay.get(row.day) ?? byDay.set(row.day, { value: 0, regions: new Set() }).get(row.day)!;
    day.value += row.value;
    day.regions.add(row.regionId);
  }
  const series = [...byDay]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, { value, regions }]) => {
      const sameRegions = [...regions].reduce((sum, id) => sum + (baselineOf.get(id) ?? 0), 0);
      return { day, value, share: sameRegions > 0 ? value / sameRegions : null };
    });
  const latestDay = series.at(-1)?.day;

  const own = new Map<number, RegionIndicator>();
  const at = (regionId: number) =>
    own.get(regionId) ?? own.set(regionId, { baseline: 0, latest: 0, reported: false }).get(regionId)!;
  for (const row of rows.baseline) at(row.regionId).baseline += row.value;
  for (const row of rows.followUp) {
    if (row.day !== latestDay) continue;
    at(row.regionId).latest += row.value;
    at(row.regionId).reported = true;
  }
  const byRegion = rollUp(
    tree,
    own,
    () => ({ baseline: 0, latest: 0, reported: false }),
    (total, part) => ({
      baseline: total.baseline + part.baseline,
      latest: total.latest + part.latest,
      reported: total.reported || part.reported,
    }),
  );
  return { baseline, baselineContacts: rows.baseline.reduce((sum, row) => sum + row.contacts, 0), series, byRegion };
}
