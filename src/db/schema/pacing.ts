import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

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
