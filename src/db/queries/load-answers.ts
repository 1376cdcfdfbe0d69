import type { Sql } from '../client.ts';
import type { QuestionType } from '../schema/polls.ts';
import type { Rule } from '../../domain/categorise-number.ts';
import type { Scope } from '../../core/command.ts';
import { countedContact } from './counted-contact.ts';
import { filterContacts, type ContactFilter } from './filter-contacts.ts';
import { ensureFigures, WORD_SPLIT } from './build-figures.ts';
import { limitToScope } from '../limit-to-scope.ts';

export interface QuestionRow {
  id: number;
  name: string;
  type: QuestionType;
  categories: string[];
  rules: Rule[];
}

export async function listQuestions(sql: Sql, pollId: number): Promise<QuestionRow[]> {
  return sql<
    QuestionRow[]
  >`select id, name, type, categories, rules from questions where poll_id = ${pollId} order by position`;
}

export interface AnswerFilter extends ContactFilter {
  pollRunId: number;
  scope: Scope;
}

function where(sql: Sql, filter: AnswerFilter) {
  return sql`
    r.poll_run_id = ${filter.pollRunId} and ${countedContact(sql)}
    ${limitToScope(sql, filter.scope, 'c.region_id')}
    ${filterContacts(sql, filter)}`;
}

// Without contact-field or reporter-group filters the answers are read from the poll run's
// figures (built ahead, a few rows per region); such a filter needs the answers themselves.
const useFigures = (filter: AnswerFilter) => Object.keys(filter.fields).length === 0 && !filter.reporterGroupId;

/** Answers per question and category among the poll run's contacts in scope. */
export async function countCategories(sql: Sql, filter: AnswerFilter) {
  if (useFigures(filter)) {
    await ensureFigures(sql, [filter.pollRunId]);
    return sql<{ questionId: number; category: string | null; n: number }[]>`
      select question_id as "questionId", category, sum(n)::int as n
      from answer_figures where poll_run_id = ${filter.pollRunId} ${limitToScope(sql, filter.scope, 'region_id')}
      group by 1, 2`;
  }
  return sql<{ questionId: number; category: string | null; n: number }[]>`
    select a.question_id as "questionId", a.category, count(*)::int as n
    from answers a join responses r on r.id = a.response_id join contacts c on c.id = r.contact_id
    where ${where(sql, filter)}
    group by 1, 2`;
}

/** Count, average, minimum, maximum and sum of each numeric question, computed in the database. */
export async function aggregateNumbers(sql: Sql, filter: AnswerFilter) {
  type Row = { questionId: number; count: number; avg: string; min: string; max: string; sum: string };
  let rows: Row[];
  if (useFigures(filter)) {
    await ensureFigures(sql, [filter.pollRunId]);
    rows = await sql<Row[]>`
      select question_id as "questionId", sum(numbers)::int as count, (sum(sum) / sum(numbers))::text as avg,
             min(min)::text as min, max(max)::text as max, sum(sum)::text as sum
      from answer_figures where poll_run_id = ${filter.pollRunId} and numbers > 0 ${limitToScope(sql, filter.scope, 'region_id')}
      group by 1`;
  } else {
    rows = await sql<Row[]>`
      select a.question_id as "questionId", count(*)::int as count, avg(a.value_number)::text as avg,
             min(a.value_number)::text as min, max(a.value_number)::text as max, sum(a.value_number)::text as sum
      from answers a join responses r on r.id = a.response_id join contacts c on c.id = r.contact_id
      where a.value_number is not null and ${where(sql, filter)}
      group by 1`;
  }
  return rows.map((r) => ({
    questionId: r.questionId,
    count: r.count,
    average: Number(r.avg),
    min: Number(r.min),
    max: Number(r.max),
    sum: Number(r.sum),
  }));
}

/** The most frequent words of a question's free-text answers, counted in the database. */
export async function countWords(sql: Sql, filter: AnswerFilter, questionId: number, limit: number) {
  if (useFigures(filter)) {
    await ensureFigures(sql, [filter.pollRunId]);
    return sql<{ word: string; count: number }[]>`
      select word, sum(n)::int as count
      from word_figures where poll_run_id = ${filter.pollRunId} and question_id = ${questionId} ${limitToScope(sql, filter.scope, 'region_id')}
      group by word order by count desc, word limit ${limit}`;
  }
  return sql<{ word: string; count: number }[]>`
    select w.word, count(*)::int as count
    from answers a join responses r on r.id = a.response_id join contacts c on c.id = r.contact_id,
         regexp_split_to_table(lower(a.value), ${WORD_SPLIT}) as w(word)
    where a.question_id = ${questionId} and a.value is not null and length(w.word) > 1 and ${where(sql, filter)}
    group by w.word order by count desc, w.word limit ${limit}`;
}
