import { sql } from 'drizzle-orm';
import {
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
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
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
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
    identityId: integer('identity_id')
      .notNull()
      .references(() => chatIdentities.id, { onDelete: 'cascade' }),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.identityId, t.regionId] })],
);

/**
 * A channel or chat that receives a scheduled digest: when (a cron line in a time zone, built
 * from "daily 08:00" or "weekly mon 08:00"), what, for which regions, in which language.
 */
export const digestSubscriptions = pgTable('digest_subscriptions', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id')
    .notNull()
    .references(() => orgs.id, { onDelete: 'cascade' }),
  platform: text('platform').$type<Platform>().notNull(),
  chatId: text('chat_id').notNull(),
  cron: text('cron').notNull(),
  timezone: text('timezone').notNull(),
  content: text('content').notNull().default('participation'),
  language: text('language').notNull().default('en'),
  /** The regions covered (each with those below it); null for all of them. */
  regionIds: integer('region_ids').array(),
  isPaused: boolean('is_paused').notNull().default(false),
  createdBy: integer('created_by').references(() => chatIdentities.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per subscription and period, written before the digest is posted: however many
 * processes run the job and however often it is retried, the period's digest goes out once.
 * The figures it showed are kept, so the next digest can say what changed.
 */
export const digestPosts = pgTable(
  'digest_posts',
  {
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => digestSubscriptions.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    state: text('state').$type<'posting' | 'posted'>().notNull().default('posting'),
    messageId: text('message_id'),
    figures: jsonb('figures').$type<Record<string, number>>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.period] })],
);

/**
 * Deliveries a platform may repeat (Slack retries events, Telegram re-sends updates after a
 * restart): the first process to insert the id handles it, every later copy is dropped.
 */
export const chatDeliveries = pgTable(
  'chat_deliveries',
  {
    platform: text('platform').$type<Platform>().notNull(),
    deliveryId: text('delivery_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.deliveryId] })],
);

/**
 * A dialog in progress (a Telegram wizard, a Slack modal's draft): which step a user is on in a
 * chat and what they chose so far. Kept here so it survives a restart and any process can
 * continue it.
 */
export const chatDialogs = pgTable(
  'chat_dialogs',
  {
    platform: text('platform').$type<Platform>().notNull(),
    chatId: text('chat_id').notNull(),
    userId: text('user_id').notNull(),
    kind: text('kind').notNull(),
    step: text('step').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** The message the dialog edits in place, when it has one. */
    messageId: text('message_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId, t.userId] })],
);

/** A single-use link that joins whoever opens it to an org with a role (and regions). */
export const invites = pgTable('invites', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id')
    .notNull()
    .references(() => orgs.id, { onDelete: 'cascade' }),
  code: text('code').notNull().unique(),
  role: text('role').$type<Role>().notNull(),
  regionIds: integer('region_ids').array().notNull().default(sql`'{}'::int[]`),
  createdBy: integer('created_by').references(() => chatIdentities.id, { onDelete: 'set null' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  usedBy: integer('used_by').references(() => chatIdentities.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The command line behind a chat button whose platform caps what a button may carry (Telegram:
 * 64 bytes of callback data). The button carries the short code; any process can look it up.
 */
export const chatButtons = pgTable('chat_buttons', {
  code: text('code').primaryKey(),
  command: text('command').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What a chat asks of replies. `textOnly` (`pictures off`): charts and digests come as text
 * (Unicode bars) instead of pictures, for a chat on a slow link. A chat with no row takes pictures.
 */
export const chatSettings = pgTable(
  'chat_settings',
  {
    platform: text('platform').$type<Platform>().notNull(),
    chatId: text('chat_id').notNull(),
    textOnly: boolean('text_only').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId] })],
);
