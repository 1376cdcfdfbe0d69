import type { Sql } from '../client.ts';

/** Active contacts of the given regions: the people a poll start or a message would reach. */
export async function listActiveContacts(sql: Sql, orgId: number, regionIds: number[]): Promise<{ id: number; uuid: string }[]> {
  return sql<{ id: number; uuid: string }[]>`
    select id, uuid from contacts
    where org_id = ${orgId} and region_id = any(${regionIds}) and status = 'active' and not is_deleted
    order by id`;
}
