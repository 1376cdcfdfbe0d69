import type { Sql } from '../client.ts';

/** A contact's unanswered inbox messages are answered now (`reply` sent them a text). */
export async function markInboxReplied(sql: Sql, contactId: number): Promise<void> {
  await sql`update inbox_messages set replied_at = now() where contact_id = ${contactId} and replied_at is null`;
}
