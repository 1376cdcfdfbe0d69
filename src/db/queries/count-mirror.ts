import type { Sql } from '../client.ts';
import type { Counts } from '../../rapidpro/sync/sync-window.ts';

/**
 * What the mirror holds, per sync entity (`runs:<flow uuid>` per poll): the figures `sync status`
 * shows. A checkpoint's counts say what its last window wrote, which after an interrupted or
 * throttled sync is a fraction of what is stored; these are read from the tables themselves.
 */
export async function countMirror(sql: Sql, orgId: number): Promise<Map<string, Counts>> {
  const [[totals], perPoll] = await Promise.all([
    sql<Record<string, number>[]>`
      select (select count(*) from contacts where org_id = ${orgId} and not is_deleted)::int as contacts,
             (select count(*) from contacts where org_id = ${orgId} and is_deleted)::int as deleted,
             (select count(*) from contact_fields where org_id = ${orgId})::int as fields,
             (select count(*) from boundaries where org_id = ${orgId})::int as boundaries,
             (select count(*) from regions where org_id = ${orgId} and is_active)::int as regions,
             (select count(*) from reporter_groups where org_id = ${orgId} and is_active)::int as "reporterGroups",
             (select count(*) from polls where org_id = ${orgId} and is_active)::int as polls,
             (select count(*) from questions q join polls p on p.id = q.poll_id
               where q.org_id = ${orgId} and p.is_active)::int as questions,
             (select count(*) from inbox_messages where org_id = ${orgId})::int as messages`,
    sql<{ uuid: string; responses: number; answers: number }[]>`
      select p.uuid,
             (select count(*) from responses r join poll_runs pr on pr.id = r.poll_run_id where pr.poll_id = p.id)::int as responses,
             (select count(*) from answers a join questions q on q.id = a.question_id where q.poll_id = p.id)::int as answers
      from polls p where p.org_id = ${orgId} and p.is_active`,
  ]);
  const t = totals!;
  const runs = (rows: readonly { responses: number; answers: number }[]) => ({
    responses: rows.reduce((sum, row) => sum + row.responses, 0),
    answers: rows.reduce((sum, row) => sum + row.answers, 0),
  });
  return new Map<string, Counts>([
    ['contacts', { contacts: t.contacts! }],
    ['contacts:deleted', { deleted: t.deleted! }],
    ['fields', { fields: t.fields! }],
    ['boundaries', { boundaries: t.boundaries! }],
    ['groups', { regions: t.regions!, reporterGroups: t.reporterGroups! }],
    ['flows', { polls: t.polls!, questions: t.questions! }],
    ['inbox', { messages: t.messages! }],
    ['runs', runs(perPoll)],
    ...perPoll.map((row) => [`runs:${row.uuid}`, runs([row])] as [string, Counts]),
  ]);
}
