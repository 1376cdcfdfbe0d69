import type { Sql } from '../client.ts';
import type { Scope } from '../../core/command.ts';
import { limitToScope } from '../limit-to-scope.ts';
import { countedContact } from './counted-contact.ts';

export interface IndicatorRows {
  /** Per region: the sum of each contact's latest baseline answer, and how many contacts gave one. */
  baseline: { regionId: number; value: number; contacts: number }[];
  /** Per poll run of the follow-up question since `since`, per region: the sum of its answers. */
  followUp: { day: string; regionId: number; value: number }[];
  /** Per date of the follow-up's poll since `since`: the regions whose contacts were asked. */
  asked: { day: string; regionId: number }[];
}

/**
 * TracPro's Recent Indicators: a baseline question (enrolment, asked at the start of term) and a
 * follow-up question (attendance, asked every week), summed per region among active contacts in
 * scope. A contact answering the baseline twice counts with their latest answer.
 */
export async function loadIndicator(
  sql: Sql,
  options: { baselineQuestionId: number; followUpQuestionId: number; scope: Scope; since: string },
): Promise<IndicatorRows> {
  const inScope = () => sql`${countedContact(sql)} ${limitToScope(sql, options.scope, 'c.region_id')}`;
  const [baseline, followUp, asked] = await Promise.all([
    sql<{ regionId: number; value: string; contacts: number }[]>`
      select c.region_id as "regionId", sum(latest.value)::text as value, count(*)::int as contacts
      from (
        select distinct on (r.contact_id) r.contact_id, a.value_number as value
        from answers a join responses r on r.id = a.response_id
        where a.question_id = ${options.baselineQuestionId} and a.value_number is not null
        order by r.contact_id, a.submitted_on desc nulls last
      ) latest join contacts c on c.id = latest.contact_id
      where ${inScope()}
      group by 1`,
    sql<{ day: string; regionId: number; value: string }[]>`
      select pr.day, c.region_id as "regionId", sum(a.value_number)::text as value
      from answers a join responses r on r.id = a.response_id join poll_runs pr on pr.id = r.poll_run_id
      join contacts c on c.id = r.contact_id
      where a.question_id = ${options.followUpQuestionId} and a.value_number is not null and pr.day >= ${options.since}
        and ${inScope()}
      group by 1, 2`,
    // Asked: a response of any status (a run RapidPro started), answered or not.
    sql<{ day: string; regionId: number }[]>`
      select distinct pr.day, c.region_id as "regionId"
      from poll_runs pr join questions q on q.poll_id = pr.poll_id
      join responses r on r.poll_run_id = pr.id join contacts c on c.id = r.contact_id
      where q.id = ${options.followUpQuestionId} and pr.day >= ${options.since} and ${inScope()}`,
  ]);
  return {
    baseline: baseline.map((row) => ({ ...row, value: Number(row.value) })),
    followUp: followUp.map((row) => ({ ...row, value: Number(row.value) })),
    asked: [...asked],
  };
}
