import type { Sql } from '../client.ts';

export interface GroupRef {
  uuid: string;
  name: string;
}

/**
 * Makes exactly these RapidPro groups the org's regions or reporter groups (or these flows its
 * polls): the chosen ones are added or re-activated, the others deactivated but kept, so their
 * history, tree position and local names survive being chosen again.
 */
async function choose(
  sql: Sql,
  table: 'regions' | 'reporter_groups' | 'polls',
  orgId: number,
  chosen: GroupRef[],
): Promise<void> {
  const uuids = chosen.map((g) => g.uuid);
  const names = chosen.map((g) => g.name);
  // RapidPro's name of a flow is kept apart from the poll's local name.
  const nameColumn = table === 'polls' ? 'flow_name' : 'name';
  await sql.begin(async (tx) => {
    await tx`
      insert into ${tx(table)} (org_id, uuid, ${tx(nameColumn)} ${table === 'polls' ? tx`, name` : tx``})
      select ${orgId}, uuid, name ${table === 'polls' ? tx`, name` : tx``}
      from unnest(${uuids}::text[], ${names}::text[]) as chosen(uuid, name)
      on conflict (org_id, uuid) do update set ${tx(nameColumn)} = excluded.${tx(nameColumn)}, is_active = true`;
    await tx`update ${tx(table)} set is_active = false where org_id = ${orgId} and not (uuid = any(${uuids}::text[]))`;
  });
}

export const chooseRegions = (sql: Sql, orgId: number, chosen: GroupRef[]) => choose(sql, 'regions', orgId, chosen);
export const chooseReporterGroups = (sql: Sql, orgId: number, chosen: GroupRef[]) =>
  choose(sql, 'reporter_groups', orgId, chosen);
export const choosePolls = (sql: Sql, orgId: number, chosen: GroupRef[]) => choose(sql, 'polls', orgId, chosen);

/** Puts a region under another, or at the top with null (the caller has ruled out cycles). */
export async function setRegionParent(
  sql: Sql,
  orgId: number,
  regionId: number,
  parentId: number | null,
): Promise<void> {
  await sql`update regions set parent_id = ${parentId} where org_id = ${orgId} and id = ${regionId}`;
}
