// Figures: a poll run's participation and answers added up per region, so that participation,
// results and activity read a few hundred rows instead of every answer. Triggers (migration
// figures_triggers) bump a poll run's version whenever its responses, answers or contacts
// change; figures are rebuilt when the version they were built from is behind (after each sync
// of runs or contacts, or by the first reader).
import { sql } from 'drizzle-orm';
import { bigint, index, integer, numeric, pgTable, text } from 'drizzle-orm/pg-core';
import { regions } from './groups.ts';
import { pollRuns, questions } from './polls.ts';

/** Bumped by every change to a poll run's data (written by the triggers only). */
export const figuresState = pgTable('figures_state', {
  pollRunId: integer('poll_run_id')
    .primaryKey()
    .references(() => pollRuns.id, { onDelete: 'cascade' }),
  version: bigint('version', { mode: 'number' }).notNull().default(1),
});

/**
 * The version a poll run's figures were built from; behind `figures_state` means stale. A table
 * of its own, so building never contends with the writers bumping the version.
 */
export const figuresBuilt = pgTable('figures_built', {
  pollRunId: integer('poll_run_id')
    .primaryKey()
    .references(() => pollRuns.id, { onDelete: 'cascade' }),
  version: bigint('version', { mode: 'number' }).notNull(),
});

/**
 * Responses of active contacts by region, set of reporter groups and status. One row per set,
 * not per group, so totals count each contact once while each group counts all its members.
 */
export const participationFigures = pgTable(
  'participation_figures',
  {
    pollRunId: integer('poll_run_id')
      .notNull()
      .references(() => pollRuns.id, { onDelete: 'cascade' }),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    reporterGroupIds: integer('reporter_group_ids').array().notNull().default(sql`'{}'::int[]`),
    status: text('status').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [index('participation_figures_run').on(t.pollRunId)],
);

/** Answers of active contacts by region, question and category, with the numbers' aggregates. */
export const answerFigures = pgTable(
  'answer_figures',
  {
    pollRunId: integer('poll_run_id')
      .notNull()
      .references(() => pollRuns.id, { onDelete: 'cascade' }),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    category: text('category'),
    n: integer('n').notNull(),
    /** How many of the answers were numbers, and their sum, minimum and maximum. */
    numbers: integer('numbers').notNull(),
    sum: numeric('sum'),
    min: numeric('min'),
    max: numeric('max'),
  },
  (t) => [index('answer_figures_run').on(t.pollRunId)],
);

/** Words of open answers by region and question. */
export const wordFigures = pgTable(
  'word_figures',
  {
    pollRunId: integer('poll_run_id')
      .notNull()
      .references(() => pollRuns.id, { onDelete: 'cascade' }),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    word: text('word').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [index('word_figures_run').on(t.pollRunId, t.questionId)],
);
