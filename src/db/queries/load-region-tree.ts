import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { regions } from '../schema/index.ts';
import { buildRegionTree, type RegionTree } from '../../domain/region-tree.ts';

/** The org's active regions as a tree. */
export async function loadRegionTree(db: Db, orgId: number): Promise<RegionTree> {
  const rows = await db
    .select({ id: regions.id, name: regions.name, parentId: regions.parentId })
    .from(regions)
    .where(and(eq(regions.orgId, orgId), eq(regions.isActive, true)));
  return buildRegionTree(rows);
}
