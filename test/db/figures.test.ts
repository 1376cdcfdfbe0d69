// Figures are a copy of the answers added up; these tests try to make the copy lie.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ensureFigures } from '../../src/db/queries/build-figures.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

async function latestRun(poll: string) {
  const [run] = await demo.sql<{ id: number }[]>`
    select pr.id from poll_runs pr join polls p on p.id = pr.poll_id where p.name = ${poll} order by pr.day desc limit 1`;
  return run!.id;
}

/** Participation counted from the responses themselves. */
async function liveAsked(pollRunId: number) {
  const [row] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from responses r join contacts c on c.id = r.contact_id
    where r.poll_run_id = ${pollRunId} and c.status = 'active' and not c.is_deleted and c.region_id is not null`;
  return row!.n;
}

async function figuresAsked(pollRunId: number) {
  await ensureFigures(demo.sql, [pollRunId]);
  const [row] = await demo.sql<
    { n: number }[]
  >`select coalesce(sum(n), 0)::int as n from participation_figures where poll_run_id = ${pollRunId}`;
  return row!.n;
}

test('the sync leaves every poll run with current figures', async () => {
  const [row] = await demo.sql<{ stale: number; runs: number }[]>`
    select count(*) filter (where b.version is null or b.version < coalesce(s.version, 0))::int as stale, count(*)::int as runs
    from poll_runs pr left join figures_state s on s.poll_run_id = pr.id left join figures_built b on b.poll_run_id = pr.id`;
  assert.ok(row!.runs > 0);
  assert.equal(row!.stale, 0);
});

test('a contact who stops, moves out of every region or comes back changes the figures at once', async () => {
  const run = await latestRun('Attendance');
  assert.equal(await figuresAsked(run), await liveAsked(run));
  const [contact] = await demo.sql<{ id: number }[]>`
    select c.id from contacts c join responses r on r.contact_id = c.id
    where r.poll_run_id = ${run} and c.status = 'active' and c.region_id is not null limit 1`;
  const before = await figuresAsked(run);
  await demo.sql`update contacts set status = 'stopped' where id = ${contact!.id}`;
  assert.equal(await figuresAsked(run), before - 1);
  await demo.sql`update contacts set status = 'active', region_id = null where id = ${contact!.id}`;
  assert.equal(await figuresAsked(run), before - 1);
  await demo.sql`update contacts set region_id = (select id from regions where name = 'Gulu') where id = ${contact!.id}`;
  assert.equal(await figuresAsked(run), before);
  assert.equal(await figuresAsked(run), await liveAsked(run));
});

test('a changed answer and a deleted response show in results', async () => {
  const run = await latestRun('School Status');
  const categories = async () => {
    await ensureFigures(demo.sql, [run]);
    return demo.sql<{ category: string; n: number }[]>`
      select category, sum(n)::int as n from answer_figures f join questions q on q.id = f.question_id
      where f.poll_run_id = ${run} and q.result_key = 'open' group by 1 order by 1`;
  };
  const live = () => demo.sql<{ category: string; n: number }[]>`
    select a.category, count(*)::int as n from answers a join questions q on q.id = a.question_id
    join responses r on r.id = a.response_id join contacts c on c.id = r.contact_id
    where r.poll_run_id = ${run} and q.result_key = 'open' and c.status = 'active' and not c.is_deleted and c.region_id is not null
    group by 1 order by 1`;
  assert.deepEqual(await categories(), await live());
  await demo.sql`
    update answers set category = 'No' where id = (
      select a.id from answers a join questions q on q.id = a.question_id join responses r on r.id = a.response_id
      join contacts c on c.id = r.contact_id
      where r.poll_run_id = ${run} and q.result_key = 'open' and a.category = 'Yes' and c.status = 'active' and c.region_id is not null limit 1)`;
  await demo.sql`delete from responses where id = (select id from responses where poll_run_id = ${run} and status = 'complete' limit 1)`;
  assert.deepEqual(await categories(), await live());
});

test('readers building the same stale figures at once never double them', async () => {
  const run = await latestRun('Feedback');
  await demo.sql`update figures_state set version = version + 1 where poll_run_id = ${run}`;
  await Promise.all(Array.from({ length: 6 }, () => ensureFigures(demo.sql, [run])));
  assert.equal(await figuresAsked(run), await liveAsked(run));
});
