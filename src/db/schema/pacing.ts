import { bigserial, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * RapidPro's request budget, shared by every process of a deployment: the requests each
 * workspace made per throttle scope within the scope's period (RapidPro's own sliding window, see
 * src/rapidpro/create-pacer.ts). Rows older than the period are deleted as new ones come.
 */
export const rapidproRequests = pgTable(
  'rapidpro_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspace: text('workspace').notNull(),
    scope: text('scope').notNull(),
    lane: text('lane').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rapidpro_requests_window').on(t.workspace, t.scope, t.sentAt)],
);

/** Until when RapidPro asked a workspace to make no more requests of a scope (its last 429's Retry-After). */
export const rapidproHolds = pgTable(
  'rapidpro_holds',
  {
    workspace: text('workspace').notNull(),
    scope: text('scope').notNull(),
    heldUntil: timestamp('held_until', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspace, t.scope] })],
);

/**
 * Per-user command and send limits (rate-limiter-flexible's Drizzle store), shared by every
 * process: `key` is the limit and the user, `points` what they used in the window ending at
 * `expire`. One atomic upsert a command, so three processes allow the limit, not three times it.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull(),
  expire: timestamp('expire', { withTimezone: true }),
});
