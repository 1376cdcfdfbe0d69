import type { Sql } from '../client.ts';

/**
 * Every reporter group of the org by id, also those no longer chosen: a poll run's figures may
 * still name them.
 */
export async function nameAllReporterGroups(sql: Sql, orgId: number): Promise<Map<number, string>> {
  const rows = await sql<{ id: number; name: string }[]>`
    select id, name from reporter_groups where org_id = ${orgId}`;
  return new Map(rows.map((r) => [r.id, r.name]));
}
