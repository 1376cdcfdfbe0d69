import type { Scope } from '../../core/command.ts';
import type { Named } from '../../domain/match-name.ts';
import type { Sql } from '../client.ts';
import { limitToScope } from '../limit-to-scope.ts';

/** Fields with at most this many values may be named by a value alone ("female only"). */
const FEW_VALUES = 12;
/** Contacts looked at to find those values: enough to see every value of such a field. */
const SAMPLE = 2000;

/** The names a free question may use besides polls and regions: questions, reporter groups, field values. */
export async function listQuestionNames(sql: Sql, orgId: number, scope: Scope) {
  const [questions, groups, fields] = await Promise.all([
    sql<{ name: string; pollId: number }[]>`
      select q.name, q.poll_id as "pollId" from questions q join polls p on p.id = q.poll_id
      where q.org_id = ${orgId} and p.is_active order by p.name, q.position`,
    sql<Named[]>`select id, name from reporter_groups where org_id = ${orgId} and is_active order by name`,
    sql<{ key: string; values: string[] }[]>`
      select f.key, array_agg(distinct f.value order by f.value) as values
      from (select fields from contacts c where c.org_id = ${orgId} and not c.is_deleted
              ${limitToScope(sql, scope, 'c.region_id')} limit ${SAMPLE}) c
      cross join jsonb_each_text(c.fields) as f(key, value)
      group by f.key having count(distinct f.value) <= ${FEW_VALUES}`,
  ]);
  return { questions, groups, fields };
}
