// Regions form a tree (admins arrange it). Access to a region includes all its descendants, and
// figures roll up from a region's contacts to every ancestor.

export interface RegionNode {
  id: number;
  name: string;
  parentId: number | null;
}

export interface RegionTree {
  byId: ReadonlyMap<number, RegionNode>;
  children: ReadonlyMap<number | null, readonly RegionNode[]>;
}

export function buildRegionTree(regions: readonly RegionNode[]): RegionTree {
  const byId = new Map(regions.map((region) => [region.id, region]));
  const children = new Map<number | null, RegionNode[]>();
  for (const region of regions) {
    // A parent that is not in the list (deactivated) makes the region a root.
    const parent = region.parentId !== null && byId.has(region.parentId) ? region.parentId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(region);
    children.set(parent, siblings);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return { byId, children };
}

/**
 * The top-most regions of a set that holds each region's descendants: what names the set in few
 * words ("Kampala, Gulu" for a supervisor of both).
 */
export function topRegions(tree: RegionTree, regionIds: readonly number[]): RegionNode[] {
  const ids = new Set(regionIds);
  return regionIds
    .map((id) => tree.byId.get(id))
    .filter((r): r is RegionNode => r !== undefined && (r.parentId === null || !ids.has(r.parentId)));
}

/** The given regions and every region below them (each once, parents before children). */
export function withDescendants(tree: RegionTree, ids: Iterable<number>): number[] {
  const seen = new Set<number>();
  const stack = [...ids].filter((id) => tree.byId.has(id)).reverse();
  const out: number[] = [];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    const kids = tree.children.get(id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!.id);
  }
  return out;
}

/** The chain from a region up to its root, the region itself first. */
export function ancestorsOf(tree: RegionTree, id: number): number[] {
  const chain: number[] = [];
  let current = tree.byId.get(id);
  while (current && !chain.includes(current.id)) {
    chain.push(current.id);
    current = current.parentId === null ? undefined : tree.byId.get(current.parentId);
  }
  return chain;
}

/** Depth of each region (roots are 0), for indenting lists. */
export function depthOf(tree: RegionTree, id: number): number {
  return Math.max(0, ancestorsOf(tree, id).length - 1);
}

/**
 * Adds each region's own figures into every ancestor's, so a province shows the sum of its
 * districts plus the contacts attached to the province itself.
 */
export function rollUp<T>(
  tree: RegionTree,
  own: ReadonlyMap<number, T>,
  empty: () => T,
  add: (total: T, part: T) => T,
): Map<number, T> {
  const totals = new Map<number, T>();
  for (const id of tree.byId.keys()) totals.set(id, empty());
  for (const [regionId, figures] of own) {
    for (const ancestor of ancestorsOf(tree, regionId)) {
      totals.set(ancestor, add(totals.get(ancestor)!, figures));
    }
  }
  return totals;
}
