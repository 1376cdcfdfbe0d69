import type { Sql } from '../client.ts';
import type { Platform } from '../schema/chat.ts';

export interface DigestRow {
  id: number;
  cron: string;
  timezone: string;
  paused: boolean;
  /** The names of its regions, `A, B`; null for the whole org. */
  regions: string | null;
  /** `<platform>:<chat id>`. */
  chat: string;
}

/** The org's digest subscriptions, or with `chat` only that chat's, in the order they were made. */
export async function listDigests(
  sql: Sql,
  orgId: number,
  chat: { platform: Platform; chatId: string } | null,
): Promise<DigestRow[]> {
  const where = chat === null ? sql`` : sql`and d.platform = ${chat.platform} and d.chat_id = ${chat.chatId}`;
  return sql<DigestRow[]>`
      select d.id, d.cron, d.timezone, d.is_paused as paused, d.platform || ':' || d.chat_id as chat,
             (select string_agg(r.name, ', ' order by r.name) from regions r where r.id = any(d.region_ids)) as regions
      from digest_subscriptions d where d.org_id = ${orgId} ${where} order by d.id`;
}
