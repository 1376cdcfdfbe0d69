import { and, eq, sql as raw } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { chatIdentities, watchQuietHours } from '../db/schema/index.ts';
import { platforms, type Platform } from '../db/schema/chat.ts';

/**
 * Whoever runs the bot on the terminal is the admin of the org it started with. In the demo they
 * start with no quiet hours, so its alert on a region behind shows whatever the hour (until
 * they set some with `watch quiet`).
 */
export async function ensureConsoleAdmin(db: Db, orgId: number, userName: string, demo = false): Promise<void> {
  const [admin] = await db
    .insert(chatIdentities)
    .values({ orgId, platform: 'console', externalId: userName, displayName: userName, role: 'admin' })
    .onConflictDoUpdate({
      target: [chatIdentities.platform, chatIdentities.externalId],
      set: { orgId: raw`excluded.org_id` },
    })
    .returning({ id: chatIdentities.id });
  if (demo)
    await db.insert(watchQuietHours).values({ identityId: admin!.id, startsAt: 0, endsAt: 0 }).onConflictDoNothing();
}

/**
 * The admins named in ADMINS (`slack:<team>:<user>`, `telegram:<id>`): how the first admin of a
 * Slack or Telegram deployment gets in. Others are then added with `supervisor add`.
 */
export async function ensureAdmins(db: Db, orgId: number, admins: readonly string[]): Promise<void> {
  for (const admin of admins) {
    const [platform, ...id] = admin.split(':');
    await db
      .insert(chatIdentities)
      .values({ orgId, platform: platform as 'slack' | 'telegram', externalId: id.join(':'), role: 'admin' })
      .onConflictDoUpdate({
        target: [chatIdentities.platform, chatIdentities.externalId],
        set: { orgId: raw`excluded.org_id`, role: 'admin' },
      });
  }
}

/**
 * The linked person `npm start -- --as <platform>:<id>` previews (`slack:T0123:U0456`,
 * `telegram:123456789`, `console:alice`): the console then speaks as them, with their role,
 * regions and language. Only someone already linked can be previewed.
 */
export async function findPreviewUser(
  db: Db,
  orgId: number,
  identity: string,
): Promise<{ platform: Platform; userId: string } | null> {
  const [platform, ...id] = identity.split(':');
  if (!platforms.includes(platform as Platform) || id.length === 0) return null;
  const [found] = await db
    .select({ externalId: chatIdentities.externalId })
    .from(chatIdentities)
    .where(
      and(
        eq(chatIdentities.orgId, orgId),
        eq(chatIdentities.platform, platform as Platform),
        eq(chatIdentities.externalId, id.join(':')),
      ),
    );
  return found ? { platform: platform as Platform, userId: found.externalId } : null;
}
