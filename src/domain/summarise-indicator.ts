// Baseline beside follow-up (TracPro's Recent Indicators): the follow-up's sum on each date,
// as a share of the baseline, and per region rolled up the tree.
import { rollUp, type RegionTree } from './region-tree.ts';

export interface IndicatorPoint {
  day: string;
  value: number;
  /** The follow-up as a share of the baseline (0..1 and beyond); null without a baseline. */
  share: number | null;
}

export interface RegionIndicator {
  baseline: number;
  /** The follow-up on the latest date; 0 when the region gave none that day. */
  latest: number;
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
  const byDay = new Map<string, number>();
  for (const row of rows.followUp) byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.value);
  const series = [...byDay]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, value]) => ({ day, value, share: baseline > 0 ? value / baseline : null }));
  const latestDay = series.at(-1)?.day;

  const own = new Map<number, RegionIndicator>();
  const at = (regionId: number) => own.get(regionId) ?? own.set(regionId, { baseline: 0, latest: 0 }).get(regionId)!;
  for (const row of rows.baseline) at(row.regionId).baseline += row.value;
  for (const row of rows.followUp) if (row.day === latestDay) at(row.regionId).latest += row.value;
  const byRegion = rollUp(
    tree,
    own,
    () => ({ baseline: 0, latest: 0 }),
    (total, part) => ({ baseline: total.baseline + part.baseline, latest: total.latest + part.latest }),
  );
  return { baseline, baselineContacts: rows.baseline.reduce((sum, row) => sum + row.contacts, 0), series, byRegion };
}
