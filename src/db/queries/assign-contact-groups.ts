import type { Sql } from '../client.ts';

/**
 * Derives each contact's region and reporter groups from the RapidPro groups it belongs to. Run
 * after a contact sync (for the contacts written) and after an admin changes which groups are
 * regions or reporter groups (for all contacts). A contact in several region groups gets the
 * deepest one, so a contact in both a province and its district counts in the district. A contact
 * keeps every reporter group it is in (ascending ids, so an unchanged set compares equal and
 * leaves the figures alone): TracPro counts it in each.
 */
export async function assignContactGroups(sql: Sql, orgId: number, uuids?: string[]): Promise<void> {
  await sql`
    with recursive depth(id, level) as (
      select id, 0 from regions where org_id = ${orgId} and parent_id is null
      union all
      select r.id, d.level + 1 from regions r join depth d on r.parent_id = d.id
    )
    update contacts c set
      region_id = (
        select r.id from regions r left join depth d on d.id = r.id
        where r.org_id = c.org_id and r.is_active and r.uuid = any(c.group_uuids)
        order by d.level desc nulls last, r.id limit 1),
      reporter_group_ids = array(
        select g.id from reporter_groups g
        where g.org_id = c.org_id and g.is_active and g.uuid = any(c.group_uuids)
        order by g.id)
    where c.org_id = ${orgId} ${uuids ? sql`and c.uuid = any(${uuids})` : sql``}`;
}
