// Which regions a participation map draws, and which asked regions it cannot: the finest regions
// in scope that were asked and have a boundary shape (a province is left out when its districts
// are drawn); an asked region with no shape and nothing drawn below it is "not on the map".
import type { Participation } from './participation.ts';
import { withDescendants, type RegionTree } from './region-tree.ts';

export function chooseMapRegions(
  tree: RegionTree,
  byRegion: ReadonlyMap<number, Participation>,
  shaped: ReadonlySet<number>,
  inScope: (regionId: number) => boolean,
): { drawn: number[]; unmatched: string[] } {
  const asked = [...byRegion.entries()].filter(([id, figures]) => figures.asked > 0 && inScope(id)).map(([id]) => id);
  const candidates = asked.filter((id) => shaped.has(id));
  const hasBelow = (id: number, among: readonly number[]) =>
    withDescendants(tree, [id]).some((below) => below !== id && among.includes(below));
  const drawn = candidates.filter((id) => !hasBelow(id, candidates));
  const unmatched = asked
    .filter((id) => !shaped.has(id) && !hasBelow(id, drawn))
    .map((id) => tree.byId.get(id)?.name)
    .filter((name): name is string => Boolean(name))
    .sort();
  return { drawn, unmatched };
}
