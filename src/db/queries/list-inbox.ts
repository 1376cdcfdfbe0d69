import type { Sql } from '../client.ts';
import type { Scope } from '../../core/command.ts';
import { limitToScope } from '../limit-to-scope.ts';

export interface InboxRow {
  contactId: number;
  name: string | null;
  region: string;
  text: string;
  /** `YYYY-MM-DD HH24:MI` in the org's time zone. */
  at: string;
  replied: boolean;
}

/** What contacts in the scope wrote outside any poll (the inbox the sync keeps), newest first. */
export async function listInbox(
  sql: Sql,
  orgId: number,
  timezone: string,
  scope: Scope,
  limit: number,
): Promise<InboxRow[]> {
  return sql<InboxRow[]>`
      select c.id as "contactId", c.name, g.name as region, m.text, m.replied_at is not null as replied,
             to_char(m.created_on at time zone ${timezone}, 'YYYY-MM-DD HH24:MI') as at
      from inbox_messages m join contacts c on c.id = m.contact_id join regions g on g.id = c.region_id
      where m.org_id = ${orgId}
        ${limitToScope(sql, scope, 'c.region_id')}
      order by m.created_on desc limit ${limit}`;
}
