import type { Sql } from '../client.ts';
import type { Platform } from '../schema/chat.ts';

export interface NewDigest {
  orgId: number;
  /** The chat it posts into. */
  platform: Platform;
  chatId: string;
  cron: string;
  timezone: string;
  language: string;
  /** The regions it covers; null for the whole org. */
  regionIds: number[] | null;
  createdBy: number;
}

/** A digest subscription of a chat, as `digest daily|weekly` sets it up; its id. */
export async function createDigest(sql: Sql, digest: NewDigest): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    insert into digest_subscriptions (org_id, platform, chat_id, cron, timezone, language, region_ids, created_by)
    values (${digest.orgId}, ${digest.platform}, ${digest.chatId}, ${digest.cron}, ${digest.timezone}, ${digest.language},
            ${digest.regionIds}, ${digest.createdBy})
    returning id`;
  return row!.id;
}
