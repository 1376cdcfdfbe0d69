import type { Geometry } from 'geojson';
import type { Sql } from '../client.ts';

/**
 * Regions with a shape to draw on a map: the RapidPro boundary linked to the region, or else the
 * boundary of the same name (regions are usually named after the district they cover). Shapes
 * exist once a sync has read boundaries with their geometry.
 */
export async function listRegionShapes(sql: Sql, orgId: number): Promise<{ regionId: number; geometry: Geometry }[]> {
  return sql<{ regionId: number; geometry: Geometry }[]>`
    select g.id as "regionId", b.geometry
    from regions g
    join lateral (
      select b.geometry from boundaries b
      where b.org_id = g.org_id and b.geometry is not null
        and (b.id = g.boundary_id or (g.boundary_id is null and lower(b.name) = lower(g.name)))
      order by b.level desc
      limit 1
    ) b on true
    where g.org_id = ${orgId} and g.is_active`;
}
