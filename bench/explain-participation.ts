// Prints the plans behind `participation` as an admin over the big mirror, and times each step.
//   CONTACTS=100000 npx tsx bench/explain-participation.ts
import { commands } from '../commands/index.ts';
import { createDispatch } from '../src/core/dispatch.ts';
import { createI18n } from '../src/core/i18n.ts';
import { openBigMirror } from './open-big-mirror.ts';

const { services, sql, close } = await openBigMirror('bench_explain');
const dispatch = createDispatch({ commands, services, i18n: await createI18n() });
for (let i = 0; i < 5; i++)
  await dispatch({ platform: 'console', userId: 'admin', chatId: 'bench', text: 'participation Attendance' });
const [poll] = await sql<{ id: number }[]>`select id from polls where name = 'Attendance'`;
const [run] = await sql<
  { id: number }[]
>`select id from poll_runs where poll_id = ${poll!.id} order by day desc limit 1`;
const show = async (label: string, text: string) => {
  const rows = await sql.unsafe(`explain (analyze, buffers) ${text}`);
  console.log(`-- ${label}\n${rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n`);
};
await show(
  'findPollRun (admin)',
  `select pr.id from poll_runs pr where pr.poll_id = ${poll!.id} and exists (select 1 from responses r join contacts c on c.id = r.contact_id where r.poll_run_id = pr.id and c.region_id is not null) order by pr.day desc, pr.created_at desc limit 1`,
);
const [prov] = await sql<
  { ids: number[] }[]
>`with recursive t as (select id from regions where parent_id = (select id from regions where parent_id is null limit 1) and id = (select min(id) from regions where parent_id = (select id from regions where parent_id is null limit 1)) union all select r.id from regions r join t on r.parent_id = t.id) select array_agg(id) as ids from t`;
const ids = `'{${prov!.ids.join(',')}}'::int[]`;
for (const [who, cond] of [
  ['admin', ''],
  ['province', `and c.region_id = any(${ids})`],
]) {
  await show(
    `lateral (${who})`,
    `select pr.id from poll_runs pr where pr.poll_id = ${poll!.id} and exists (select 1 from responses r cross join lateral (select 1 from contacts c where c.id = r.contact_id and c.region_id is not null ${cond} offset 0) x where r.poll_run_id = pr.id) order by pr.day desc, pr.created_at desc limit 1`,
  );
  await show(
    `old (${who})`,
    `select pr.id from poll_runs pr where pr.poll_id = ${poll!.id} and exists (select 1 from responses r join contacts c on c.id = r.contact_id where r.poll_run_id = pr.id and c.region_id is not null ${cond}) order by pr.day desc, pr.created_at desc limit 1`,
  );
}
await show(
  'countParticipation (admin)',
  `select region_id, reporter_group_ids, status, sum(n)::int from participation_figures where poll_run_id = ${run!.id} group by 1,2,3`,
);
await close();
process.exit(0);
