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

/** The org's active polls, regions or reporter groups as chosen: RapidPro's uuid and name. */
export function listChosen(
  sql: Sql,
  part: 'polls' | 'regions' | 'reporters',
  orgId: number,
): Promise<{ uuid: string; name: string }[]> {
  // A poll's own name may have been changed here; RapidPro's is what choosing writes again.
  if (part === 'polls')
    return sql`select uuid, flow_name as name from polls where org_id = ${orgId} and is_active order by flow_name`;
  const table = part === 'regions' ? 'regions' : 'reporter_groups';
  return sql`select uuid, name from ${sql(table)} where org_id = ${orgId} and is_active order by name`;
}
