import type { Sql } from '../client.ts';
import type { Scope } from '../../core/command.ts';
import { limitToScope } from '../limit-to-scope.ts';
import { countedContact } from './counted-contact.ts';

export interface ContactParticipation {
  id: number;
  name: string | null;
  urn: string | null;
  region: string;
  asked: number;
  complete: number;
}

/**
 * TracPro's "participation of every contact in all polls" for `contacts`: each counted contact
 * in the scope with how many poll runs they were asked and completed, by name.
 */
export async function listContactParticipation(
  sql: Sql,
  orgId: number,
  scope: Scope,
  page: { offset: number; limit: number },
): Promise<ContactParticipation[]> {
  return sql<ContactParticipation[]>`
      select c.id, c.name, c.urns[1] as urn, g.name as region,
             count(r.id)::int as asked, count(r.id) filter (where r.status = 'complete')::int as complete
      from contacts c join regions g on g.id = c.region_id left join responses r on r.contact_id = c.id
      where c.org_id = ${orgId} and ${countedContact(sql)}
        ${limitToScope(sql, scope, 'c.region_id')}
      group by c.id, g.name order by c.name nulls last, c.id
      offset ${page.offset} limit ${page.limit}`;
}
