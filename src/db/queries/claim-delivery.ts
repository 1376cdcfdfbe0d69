import type { Sql } from '../client.ts';
import type { Platform } from '../schema/chat.ts';

/**
 * True for the first process to see a delivery (a Slack event id, a Telegram update id); false
 * for every repeat, however many processes receive it.
 */
export async function claimDelivery(sql: Sql, platform: Platform, deliveryId: string): Promise<boolean> {
  const rows = await sql`
    insert into chat_deliveries (platform, delivery_id) values (${platform}, ${deliveryId})
    on conflict do nothing returning 1`;
  return rows.length > 0;
}
