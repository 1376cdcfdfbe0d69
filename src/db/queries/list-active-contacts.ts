import type { Scope } from '../../core/command.ts';
import type { Sql } from '../client.ts';
import { limitToScope } from '../limit-to-scope.ts';

/** Active contacts of a scope (a region and those below it): the people a poll start would reach. */
export async function listActiveContacts(
  sql: Sql,
  orgId: number,
  scope: Scope,
): Promise<{ id: number; uuid: string }[]> {
  return sql<{ id: number; uuid: string }[]>`
    select id, uuid from contacts
    where org_id = ${orgId} ${limitToScope(sql, scope, 'region_id')} and status = 'active' and not is_deleted
    order by id`;
}
