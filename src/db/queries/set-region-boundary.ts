import type { Sql } from '../client.ts';

/** Links a region to the RapidPro boundary maps draw it with, or with null to none (then its own name's). */
export async function setRegionBoundary(
  sql: Sql,
  orgId: number,
  regionId: number,
  boundaryId: number | null,
): Promise<void> {
  await sql`update regions set boundary_id = ${boundaryId} where id = ${regionId} and org_id = ${orgId}`;
}
