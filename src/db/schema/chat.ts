import { boolean, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { regions } from './groups.ts';
import { orgs } from './orgs.ts';

export const platforms = ['console', 'slack', 'telegram'] as const;
export type Platform = (typeof platforms)[number];
export const roles = ['admin', 'supervisor'] as const;
export type Role = (typeof roles)[number];

/**
 * A chat user linked to an org. `externalId` is `<team id>:<user id>` on Slack, the numeric user
 * id on Telegram and the OS user name on the console.
 */
export const chatIdentities = pgTable(
  'chat_identities',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
    platform: text('platform').$type<Platform>().notNull(),
    externalId: text('external_id').notNull(),
    displayName: text('display_name'),
    role: text('role').$type<Role>().notNull(),
    language: text('language'),
    /** The polls of the user's last `polls` list, in order, so "participation 2" means the second. */
    lastPolls: integer('last_polls').array(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('chat_identities_platform_external').on(t.platform, t.externalId)],
);

/** The regions a supervisor may see; access includes every descendant of each. */
export const identityRegions = pgTable(
  'identity_regions',
  {
    identityId: integer('identity_id').notNull().references(() => chatIdentities.id, { onDelete: 'cascade' }),
    regionId: integer('region_id').notNull().references(() => regions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.identityId, t.regionId] })],
);

/** A channel or chat that receives a scheduled digest. */
export const digestSubscriptions = pgTable('digest_subscriptions', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  platform: text('platform').$type<Platform>().notNull(),
  chatId: text('chat_id').notNull(),
  cron: text('cron').notNull(),
  timezone: text('timezone').notNull(),
  content: text('content').notNull().default('participation'),
  language: text('language').notNull().default('en'),
  isPaused: boolean('is_paused').notNull().default(false),
  createdBy: integer('created_by').references(() => chatIdentities.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
