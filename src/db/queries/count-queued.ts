import type { Sql } from '../client.ts';
import type { Scope } from '../../core/command.ts';
import { limitToScope } from '../limit-to-scope.ts';
import { countedContact } from './counted-contact.ts';

/**
 * Contacts in the scope that a poll run's start still has to hand to RapidPro (its batches not
 * taken yet): they are not counted as asked until RapidPro has taken them.
 */
export async function countQueued(sql: Sql, pollRunId: number, scope: Scope): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(distinct c.id)::int as n
    from outbound_messages m
    join outbound_batches b on b.message_id = m.id and b.state in ('pending', 'sending')
    join contacts c on c.org_id = m.org_id and c.uuid = any(b.contact_uuids)
    where m.state in ('pending', 'sending') and m.kind = 'poll_start' and m.poll_run_id = ${pollRunId}
      and ${countedContact(sql)}
      ${limitToScope(sql, scope, 'c.region_id')}`;
  return row?.n ?? 0;
}
