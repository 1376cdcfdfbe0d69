import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { chatIdentities } from './chat.ts';
import { regions } from './groups.ts';
import { orgs } from './orgs.ts';
import { pollRuns, polls } from './polls.ts';

export type ScheduleKind = 'start' | 'remind';

/**
 * Work a supervisor asked for later: a poll start at a time or on a cron line (`start … at` /
 * `every`), or a reminder to a poll run's non-respondents after a delay (`remind`). Each has an
 * Agenda job; the row says what to do and whether it still should.
 */
export const schedules = pgTable('schedules', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id')
    .notNull()
    .references(() => orgs.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<ScheduleKind>().notNull(),
  pollId: integer('poll_id')
    .notNull()
    .references(() => polls.id, { onDelete: 'cascade' }),
  /** Reminders: the poll run whose non-respondents are reminded. */
  pollRunId: integer('poll_run_id').references(() => pollRuns.id, { onDelete: 'cascade' }),
  /** Starts: the region (with those below it); reminders: the region they are narrowed to. */
  regionId: integer('region_id').references(() => regions.id, { onDelete: 'cascade' }),
  /** Reminders: the supervisor's regions when no region was named. */
  regionIds: integer('region_ids').array(),
  text: text('text'),
  /** Reminders with the default text: that text per RapidPro language (see outbound_messages). */
  translations: jsonb('translations').$type<Record<string, string>>(),
  at: timestamp('at', { withTimezone: true }),
  cron: text('cron'),
  timezone: text('timezone').notNull(),
  createdBy: integer('created_by').references(() => chatIdentities.id, { onDelete: 'set null' }),
  /** Where the outcome of what it sends is reported (`<platform>:<chat id>`), and in which language. */
  replyTo: text('reply_to'),
  language: text('language').notNull().default('en'),
  /** The confirmation's key: a second click on "Schedule" makes nothing new. */
  idempotencyKey: text('idempotency_key').notNull().unique(),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  doneAt: timestamp('done_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
