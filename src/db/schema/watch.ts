// The watch: which regions are behind in an open poll run, compared with their own past runs
// (src/watch/). Curves of past runs are counted once and kept; alerts are claimed here before
// they are sent, so each goes out once whatever the number of processes or restarts.
import { sql } from 'drizzle-orm';
import { integer, pgTable, primaryKey, smallint, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { chatIdentities } from './chat.ts';
import { regions } from './groups.ts';
import { pollRuns, polls } from './polls.ts';

/**
 * A poll run as the watch sees it: when it started (its first run's creation), and the curve of
 * its contacts completing in every region together (the org's curve), counted up to `horizon`
 * minutes after the start (0: not counted yet; see watch_curves for each region's).
 */
export const watchRuns = pgTable('watch_runs', {
  pollRunId: integer('poll_run_id')
    .primaryKey()
    .references(() => pollRuns.id, { onDelete: 'cascade' }),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  horizon: integer('horizon').notNull().default(0),
  asked: integer('asked').notNull().default(0),
  completes: integer('completes').array().notNull().default(sql`'{}'::int[]`),
});

/**
 * A past poll run's curve in one region (the region's own contacts, rolled up the tree when
 * read): how many were asked, and how many had completed by each point of the watch's grid of
 * elapsed times (src/domain/history-curve.ts).
 */
export const watchCurves = pgTable(
  'watch_curves',
  {
    pollRunId: integer('poll_run_id')
      .notNull()
      .references(() => pollRuns.id, { onDelete: 'cascade' }),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    asked: integer('asked').notNull(),
    completes: integer('completes').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollRunId, t.regionId] })],
);

/**
 * One alert per poll run, region, level of lateness and person, written before it is sent: a
 * second process, a retry or a restart finds the row and sends nothing. Removing the person,
 * the region or the poll run removes its rows.
 */
export const watchAlerts = pgTable(
  'watch_alerts',
  {
    pollRunId: integer('poll_run_id')
      .notNull()
      .references(() => pollRuns.id, { onDelete: 'cascade' }),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    level: smallint('level').notNull(),
    identityId: integer('identity_id')
      .notNull()
      .references(() => chatIdentities.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.pollRunId, t.regionId, t.level, t.identityId] })],
);

/** `watch off [poll] [region]`: no alerts for that poll (or any) in that region (or any) and below. */
export const watchMutes = pgTable(
  'watch_mutes',
  {
    identityId: integer('identity_id')
      .notNull()
      .references(() => chatIdentities.id, { onDelete: 'cascade' }),
    pollId: integer('poll_id').references(() => polls.id, { onDelete: 'cascade' }),
    regionId: integer('region_id').references(() => regions.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('watch_mutes_what').on(t.identityId, sql`coalesce(${t.pollId}, 0)`, sql`coalesce(${t.regionId}, 0)`),
  ],
);

/**
 * A person's quiet hours, in minutes after local midnight in the org's timezone (equal: none).
 * No row: the defaults (src/domain/watch-settings.ts).
 */
export const watchQuietHours = pgTable('watch_quiet_hours', {
  identityId: integer('identity_id')
    .primaryKey()
    .references(() => chatIdentities.id, { onDelete: 'cascade' }),
  startsAt: smallint('starts_at').notNull(),
  endsAt: smallint('ends_at').notNull(),
});
