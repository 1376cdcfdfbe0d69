import assert from 'node:assert/strict';
import test from 'node:test';
import {
  addParticipation,
  noParticipation,
  summariseParticipation,
  completionRate,
} from '../../src/domain/participation.ts';
import { ancestorsOf, buildRegionTree, rollUp, withDescendants } from '../../src/domain/region-tree.ts';

// Central > Kampala > (Kawempe, Nakawa); Central > Wakiso; Northern > Gulu
const tree = buildRegionTree([
  { id: 1, name: 'Central', parentId: null },
  { id: 2, name: 'Kampala', parentId: 1 },
  { id: 3, name: 'Kawempe', parentId: 2 },
  { id: 4, name: 'Nakawa', parentId: 2 },
  { id: 5, name: 'Wakiso', parentId: 1 },
  { id: 6, name: 'Northern', parentId: null },
  { id: 7, name: 'Gulu', parentId: 6 },
]);

test('access to a region includes all its descendants, parents first', () => {
  assert.deepEqual(withDescendants(tree, [1]), [1, 2, 3, 4, 5]);
  assert.deepEqual(withDescendants(tree, [2, 7]), [2, 3, 4, 7]);
  assert.deepEqual(withDescendants(tree, [99]), []);
  assert.deepEqual(ancestorsOf(tree, 3), [3, 2, 1]);
});

test('figures roll up a three-level tree, counting contacts attached to inner regions too', () => {
  const summary = summariseParticipation(
    [
      { regionId: 3, reporterGroupIds: [10], status: 'complete', n: 4 },
      { regionId: 3, reporterGroupIds: [10], status: 'empty', n: 1 },
      { regionId: 4, reporterGroupIds: [11], status: 'partial', n: 2 },
      { regionId: 2, reporterGroupIds: [], status: 'complete', n: 1 },
      { regionId: 5, reporterGroupIds: [11], status: 'complete', n: 3 },
      { regionId: 7, reporterGroupIds: [10], status: 'empty', n: 5 },
    ],
    tree,
  );
  assert.deepEqual(summary.byRegion.get(3), { asked: 5, complete: 4, partial: 0, empty: 1 });
  assert.deepEqual(summary.byRegion.get(2), { asked: 8, complete: 5, partial: 2, empty: 1 });
  assert.deepEqual(summary.byRegion.get(1), { asked: 11, complete: 8, partial: 2, empty: 1 });
  assert.deepEqual(summary.byRegion.get(6), { asked: 5, complete: 0, partial: 0, empty: 5 });
  assert.deepEqual(summary.total, { asked: 16, complete: 8, partial: 2, empty: 6 });
  assert.deepEqual(summary.byReporterGroup.get(10), { asked: 10, complete: 4, partial: 0, empty: 6 });
  assert.deepEqual(summary.byReporterGroup.get(null), { asked: 1, complete: 1, partial: 0, empty: 0 });
  assert.equal(completionRate(summary.total), 0.5);
});

test('a region whose parent is gone becomes a root instead of vanishing', () => {
  const orphan = buildRegionTree([{ id: 8, name: 'Lira', parentId: 42 }]);
  assert.deepEqual(
    orphan.children.get(null)?.map((r) => r.id),
    [8],
  );
  const totals = rollUp(
    orphan,
    new Map([[8, { asked: 1, complete: 1, partial: 0, empty: 0 }]]),
    noParticipation,
    addParticipation,
  );
  assert.equal(totals.get(8)?.asked, 1);
});
