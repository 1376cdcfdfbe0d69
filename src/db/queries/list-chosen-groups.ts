import type { Sql } from '../client.ts';

/** The RapidPro uuids of the org's active regions, reporter groups or polls. */
export async function listChosenUuids(
  sql: Sql,
  table: 'regions' | 'reporter_groups' | 'polls',
  orgId: number,
): Promise<string[]> {
  const rows = await sql<
    { uuid: string }[]
  >`select uuid from ${sql(table)} where org_id = ${orgId} and is_active order by uuid`;
  return rows.map((r) => r.uuid);
}
