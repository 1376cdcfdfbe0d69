// Which regions a participation chart shows: the level below the top of the scope (an admin sees
// the provinces' districts, a supervisor of a province its districts), or the top level when
// nothing lies below it. Only regions where someone was asked.
import type { Scope } from '../core/command.ts';
import type { Participation } from '../domain/participation.ts';
import { depthOf, type RegionTree } from '../domain/region-tree.ts';
import { isInScope } from '../db/limit-to-scope.ts';

export function chartRegions(
  tree: RegionTree,
  scope: Scope,
  byRegion: ReadonlyMap<number, Participation>,
): { name: string; participation: Participation }[] {
  return chooseRegions(tree, scope, byRegion).map((id) => ({
    name: tree.byId.get(id)!.name,
    participation: byRegion.get(id)!,
  }));
}

function chooseRegions(tree: RegionTree, scope: Scope, byRegion: ReadonlyMap<number, Participation>): number[] {
  const asked = [...tree.byId.keys()].filter((id) => isInScope(scope, id) && (byRegion.get(id)?.asked ?? 0) > 0);
  if (asked.length === 0) return [];
  const top = Math.min(...asked.map((id) => depthOf(tree, id)));
  const below = asked.filter((id) => depthOf(tree, id) === top + 1);
  return below.length > 0 ? below : asked.filter((id) => depthOf(tree, id) === top);
}
