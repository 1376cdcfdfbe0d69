import type { Sql } from '../client.ts';

/** The names of the org's chosen (active) reporter groups, alphabetically. */
export async function listReporterGroups(sql: Sql, orgId: number): Promise<{ name: string }[]> {
  return sql<{ name: string }[]>`select name from reporter_groups where org_id = ${orgId} and is_active order by name`;
}

/**
 * Every reporter group of the org by id, also those no longer chosen: a poll run's figures may
 * still name them.
 */
export async function nameAllReporterGroups(sql: Sql, orgId: number): Promise<Map<number, string>> {
  const rows = await sql<{ id: number; name: string }[]>`
    select id, name from reporter_groups where org_id = ${orgId}`;
  return new Map(rows.map((r) => [r.id, r.name]));
}
