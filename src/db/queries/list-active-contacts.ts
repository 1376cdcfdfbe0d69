import type { Scope } from '../../core/command.ts';
import type { Sql } from '../client.ts';
import { limitToScope } from '../limit-to-scope.ts';
import { countedContact } from './counted-contact.ts';

/** Active contacts of a scope (a region and those below it): the people a poll start would reach. */
export async function listActiveContacts(
  sql: Sql,
  orgId: number,
  scope: Scope,
): Promise<{ id: number; uuid: string }[]> {
  return sql<{ id: number; uuid: string }[]>`
    select c.id, c.uuid from contacts c
    where c.org_id = ${orgId} ${limitToScope(sql, scope, 'c.region_id')} and ${countedContact(sql)}
    order by c.id`;
}
