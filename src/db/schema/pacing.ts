import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * RapidPro's request budget, shared by every process of a deployment: one row per workspace,
 * throttle scope and lane, holding the lane's next free slot (a generic cell rate algorithm's
 * "theoretical arrival time"). Each request moves it on by one interval in a single statement,
 * so requests from any number of processes queue up in order instead of bursting into 429s.
 */
export const rapidproPace = pgTable(
  'rapidpro_pace',
  {
    workspace: text('workspace').notNull(),
    scope: text('scope').notNull(),
    lane: text('lane').notNull(),
    nextAt: timestamp('next_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspace, t.scope, t.lane] })],
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
