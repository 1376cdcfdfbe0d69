import type { Sql } from '../client.ts';

/**
 * Regions taken away from the org's choices are taken from everyone granted them (by RapidPro
 * uuid); the identities that lost one, once per region lost.
 */
export async function ungrantRegions(sql: Sql, orgId: number, regionUuids: string[]): Promise<number[]> {
  const affected = await sql<{ id: number }[]>`
    delete from identity_regions ir using regions g
    where ir.region_id = g.id and g.org_id = ${orgId} and g.uuid = any(${regionUuids}::text[])
    returning ir.identity_id as id`;
  return affected.map((a) => a.id);
}

/** The regions a person is granted (without the regions below them). */
export async function listGrantedRegions(sql: Sql, identityId: number): Promise<number[]> {
  const kept = await sql<
    { id: number }[]
  >`select region_id as id from identity_regions where identity_id = ${identityId}`;
  return kept.map((k) => k.id);
}
