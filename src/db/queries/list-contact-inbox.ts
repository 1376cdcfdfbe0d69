import type { Sql } from '../client.ts';
import type { Scope } from '../../core/command.ts';
import { limitToScope } from '../limit-to-scope.ts';

/**
 * What one contact (found in the scope by findContact) last wrote outside any poll, newest first,
 * for `reply` to show before the line to type. `at`: `YYYY-MM-DD HH24:MI` in the org's time zone.
 */
export async function listContactInbox(
  sql: Sql,
  contactId: number,
  timezone: string,
  scope: Scope,
): Promise<{ text: string; at: string }[]> {
  return sql<{ text: string; at: string }[]>`
    select m.text, to_char(m.created_on at time zone ${timezone}, 'YYYY-MM-DD HH24:MI') as at
    from inbox_messages m join contacts c on c.id = m.contact_id
    where m.contact_id = ${contactId} ${limitToScope(sql, scope, 'c.region_id')}
    order by m.created_on desc limit 3`;
}
