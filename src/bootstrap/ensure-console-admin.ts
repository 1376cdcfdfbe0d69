import { sql as raw } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { chatIdentities } from '../db/schema/index.ts';

/** Whoever runs the bot on the terminal is the admin of the org it started with. */
export async function ensureConsoleAdmin(db: Db, orgId: number, userName: string): Promise<void> {
  await db
    .insert(chatIdentities)
    .values({ orgId, platform: 'console', externalId: userName, displayName: userName, role: 'admin' })
    .onConflictDoUpdate({ target: [chatIdentities.platform, chatIdentities.externalId], set: { orgId: raw`excluded.org_id` } });
}
