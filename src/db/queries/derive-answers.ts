// Answers are derived from the values each response keeps by result key (see responses.values):
// the runs sync derives them for the responses it writes, the flows sync for a whole poll when
// its questions change. Both take the org's answers lock first, in the same transaction, so
// whichever commits second sees the other's rows: a run written while its questions arrive is
// never left without its answers.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';

type Executor = Pick<Db, 'execute'>;

/**
 * How an answer comes from a response's value for its question (`v`: the response's values at the
 * question's result key), in SQL, written once for both writers: the columns, the values, and the
 * upsert. An answer that would stay the same is not written again, so no figures go stale for it.
 * Plain SQL without parameters, so drizzle (`sql.raw`) and postgres.js (`unsafe`) both take it.
 */
export const answerSql = {
  columns: '(response_id, question_id, value, value_number, category, submitted_on)',
  values: `v->>'value', (v->>'number')::numeric, v->>'category', (v->>'time')::timestamptz`,
  upsert: `on conflict (response_id, question_id) do update
      set value = excluded.value, value_number = excluded.value_number, category = excluded.category, submitted_on = excluded.submitted_on
      where (answers.value, answers.value_number, answers.category, answers.submitted_on)
        is distinct from (excluded.value, excluded.value_number, excluded.category, excluded.submitted_on)`,
};

/** The name of the transaction-level advisory lock both writers take, per org. */
export const answersLock = (orgId: number) => `answers:${orgId}`;

export async function lockAnswers(tx: Executor, orgId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${answersLock(orgId)}))`);
}

/** Re-derives every answer of a poll from its responses' values and its current questions. */
export async function derivePollAnswers(tx: Executor, pollId: number): Promise<void> {
  await tx.execute(sql`
    delete from answers a using responses r, poll_runs pr, questions q
    where a.response_id = r.id and pr.id = r.poll_run_id and pr.poll_id = ${pollId} and q.id = a.question_id
      and (r."values" -> q.result_key) is null`);
  await tx.execute(sql`
    insert into answers ${sql.raw(answerSql.columns)}
    select r.id, q.id, ${sql.raw(answerSql.values)}
    from poll_runs pr
    join responses r on r.poll_run_id = pr.id
    join questions q on q.poll_id = pr.poll_id
    cross join lateral (select r."values" -> q.result_key) as x(v)
    where pr.poll_id = ${pollId} and v is not null
    ${sql.raw(answerSql.upsert)}`);
}
