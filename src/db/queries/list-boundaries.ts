import type { Sql } from '../client.ts';

export interface Boundary {
  id: number;
  name: string;
  /** OpenStreetMap's id, which RapidPro names boundaries by. */
  osmId: string;
}

/** The org's RapidPro boundaries a map can draw (those with a shape), by level and name. */
export async function listDrawableBoundaries(sql: Sql, orgId: number): Promise<Boundary[]> {
  return sql<Boundary[]>`
      select id, name, osm_id as "osmId" from boundaries where org_id = ${orgId} and geometry is not null order by level, name`;
}
