import type { Sql } from '../client.ts';
import type { Cohort, OutboundKind, OutboxState } from '../schema/messages.ts';

export interface MessageLogRow {
  /** `YYYY-MM-DD HH24:MI` in the org's time zone. */
  at: string;
  kind: OutboundKind;
  poll: string | null;
  cohort: Cohort;
  count: number;
  state: OutboxState;
  text: string | null;
  by: string | null;
  /** Contacts RapidPro has taken so far. */
  sent: number;
  error: string | null;
}

/**
 * The message log for `messages`: what was sent (drafts left out) to which cohort, when, by whom
 * and how it went, newest first; with `requestedBy`, only what that person sent.
 */
export async function listMessageLog(
  sql: Sql,
  orgId: number,
  timezone: string,
  requestedBy: number | null,
  limit: number,
): Promise<MessageLogRow[]> {
  const mine = requestedBy === null ? sql`` : sql`and m.requested_by = ${requestedBy}`;
  return sql<MessageLogRow[]>`
      select to_char(m.created_at at time zone ${timezone}, 'YYYY-MM-DD HH24:MI') as at, m.kind, p.name as poll, m.cohort,
             m.recipient_count as count, m.state, m.text, i.display_name as by, m.last_error as error,
             (select coalesce(sum(cardinality(b.contact_uuids)), 0)::int from outbound_batches b where b.message_id = m.id and b.state = 'sent') as sent
      from outbound_messages m left join polls p on p.id = m.poll_id left join chat_identities i on i.id = m.requested_by
      where m.org_id = ${orgId} and m.state <> 'draft' ${mine}
      order by m.created_at desc limit ${limit}`;
}
