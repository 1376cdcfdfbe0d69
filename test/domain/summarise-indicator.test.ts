import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRegionTree } from '../../src/domain/region-tree.ts';
import { summariseIndicator } from '../../src/domain/summarise-indicator.ts';

const tree = buildRegionTree([
  { id: 1, name: 'Central', parentId: null },
  { id: 2, name: 'Kampala', parentId: 1 },
  { id: 3, name: 'Wakiso', parentId: 1 },
  { id: 4, name: 'Northern', parentId: null },
]);

test('dates come oldest first, each set against the baseline of the regions asked, naming them; a day’s regional runs add up', () => {
  const summary = summariseIndicator(
    {
      baseline: [
        { regionId: 2, value: 100, contacts: 2 },
        { regionId: 3, value: 60, contacts: 1 },
        { regionId: 4, value: 40, contacts: 1 },
      ],
      followUp: [
        { day: '2026-11-08', regionId: 2, value: 90 },
        { day: '2026-11-01', regionId: 2, value: 80 },
        { day: '2026-11-08', regionId: 4, value: 30 },
      ],
      asked: [
        { day: '2026-11-01', regionId: 2 },
        { day: '2026-11-08', regionId: 2 },
        { day: '2026-11-08', regionId: 4 },
      ],
    },
    tree,
  );
  assert.equal(summary.baseline, 200);
  assert.equal(summary.baselineContacts, 4);
  // 1 November: a run in Kampala only, against Kampala's baseline (not the whole org's 200).
  assert.deepEqual(summary.series, [
    { day: '2026-11-01', value: 80, baseline: 100, share: 80 / 100, askedRegions: [2] },
    { day: '2026-11-08', value: 120, baseline: 140, share: 120 / 140, askedRegions: [2, 4] },
  ]);
  // Regions show the latest date only, rolled up the tree, counting only the regions asked:
  // Central stands for Kampala alone that day, so it is not shown as Central (Wakiso was not asked).
  assert.deepEqual(summary.byRegion.get(1), { baseline: 100, latest: 90, reported: false });
  assert.deepEqual(summary.byRegion.get(2), { baseline: 100, latest: 90, reported: true });
  assert.deepEqual(summary.byRegion.get(3), { baseline: 0, latest: 0, reported: false });
  assert.deepEqual(summary.byRegion.get(4), { baseline: 40, latest: 30, reported: true });
});

test('without a baseline the shares are unknown, not infinite', () => {
  const summary = summariseIndicator(
    { baseline: [], followUp: [{ day: '2026-11-01', regionId: 2, value: 5 }], asked: [] },
    tree,
  );
  assert.deepEqual(summary.series, [{ day: '2026-11-01', value: 5, baseline: 0, share: null, askedRegions: null }]);
});
