import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { contacts } from './contacts.ts';
import { regions } from './groups.ts';
import { orgs } from './orgs.ts';
import type { Rule } from '../../domain/categorise-number.ts';

/** A RapidPro flow chosen as a poll; `name` may be edited locally, `flowName` is RapidPro's. */
export const polls = pgTable(
  'polls',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    uuid: text('uuid').notNull(),
    flowName: text('flow_name').notNull(),
    name: text('name').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    /** Archived in RapidPro (the flow's `archived`): kept readable here, never started again. */
    isArchived: boolean('is_archived').notNull().default(false),
  },
  (t) => [uniqueIndex('polls_org_uuid').on(t.orgId, t.uuid)],
);

/**
 * The workspace's flows as RapidPro lists them (flows.json), read whole by the flows sync: what
 * `setup polls` offers (archived ones are kept, marked, and not offered).
 */
export const workspaceFlows = pgTable(
  'workspace_flows',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    uuid: text('uuid').notNull(),
    name: text('name').notNull(),
    isArchived: boolean('is_archived').notNull().default(false),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('workspace_flows_org_uuid').on(t.orgId, t.uuid)],
);

export const questionTypes = ['categorical', 'numeric', 'open'] as const;
export type QuestionType = (typeof questionTypes)[number];

/**
 * One result of a flow (a ruleset), kept in flow order, with its categories and rules. `name` may
 * be edited locally (`rename <poll> question …`), `flowName` is RapidPro's.
 */
export const questions = pgTable(
  'questions',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    pollId: integer('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    uuid: text('uuid').notNull(),
    resultKey: text('result_key').notNull(),
    name: text('name').notNull(),
    flowName: text('flow_name').notNull().default(''),
    type: text('type').$type<QuestionType>().notNull(),
    categories: text('categories').array().notNull(),
    rules: jsonb('rules').$type<Rule[]>().notNull().default([]),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('questions_org_uuid').on(t.orgId, t.uuid), index('questions_poll').on(t.pollId)],
);

export const pollRunKinds = ['universal', 'regional', 'propagated'] as const;
export type PollRunKind = (typeof pollRunKinds)[number];

/**
 * One occasion a poll was conducted. Universal runs collect RapidPro runs started outside the
 * bot, one per poll per day in the org's timezone; regional/propagated runs are started here.
 */
export const pollRuns = pgTable(
  'poll_runs',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    pollId: integer('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<PollRunKind>().notNull(),
    regionId: integer('region_id').references(() => regions.id, { onDelete: 'set null' }),
    day: date('day').notNull(),
    startedBy: text('started_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('poll_runs_poll').on(t.pollId, t.createdAt),
    // At most one universal poll run per poll and day (a partial unique index).
    uniqueIndex('poll_runs_universal_day').on(t.pollId, t.day).where(sql`kind = 'universal'`),
  ],
);

export const responseStatuses = ['empty', 'partial', 'complete'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

/** A run's value for one result key, as kept on its response (see `responses.values`). */
export interface RunValue {
  value: string | null;
  /** The value read as a decimal number, when it is one. */
  number: string | null;
  category: string | null;
  time: string | null;
}

/**
 * One contact's answer sheet in a poll run, updated as RapidPro's run progresses. It holds the
 * contact's current run in the poll run (the one created last) and that run's values by result
 * key, whether or not the poll's questions are known yet: answers are derived from them, so a run
 * synced before its flow's questions is never lost.
 */
export const responses = pgTable(
  'responses',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    pollRunId: integer('poll_run_id')
      .notNull()
      .references(() => pollRuns.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    runUuid: text('run_uuid'),
    status: text('status').$type<ResponseStatus>().notNull().default('empty'),
    createdOn: timestamp('created_on', { withTimezone: true }).notNull().defaultNow(),
    updatedOn: timestamp('updated_on', { withTimezone: true }).notNull().defaultNow(),
    values: jsonb('values').$type<Record<string, RunValue>>().notNull().default({}),
  },
  (t) => [
    uniqueIndex('responses_run_contact').on(t.pollRunId, t.contactId),
    // Not unique: a run first filed under its day's universal poll run may later be matched to
    // the poll run the bot started; the (poll run, contact) key decides.
    index('responses_org_run_uuid').on(t.orgId, t.runUuid),
    index('responses_contact').on(t.contactId),
  ],
);

/** One question's answer in a response. */
export const answers = pgTable(
  'answers',
  {
    id: serial('id').primaryKey(),
    responseId: integer('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    value: text('value'),
    valueNumber: numeric('value_number'),
    category: text('category'),
    submittedOn: timestamp('submitted_on', { withTimezone: true }),
  },
  (t) => [uniqueIndex('answers_response_question').on(t.responseId, t.questionId)],
);
