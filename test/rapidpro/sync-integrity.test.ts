// The mirror never silently loses an answer: runs synced before their poll's questions, syncs of
// one org running at once, contacts restarted in a flow (runs arriving in any order), a run
// committed late behind the window, and a crash between RapidPro accepting a batch and the batch
// being recorded.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { syncFlows } from '../../src/rapidpro/sync/sync-flows.ts';
import { syncRuns } from '../../src/rapidpro/sync/sync-runs.ts';
import { randomUuid, createRandom } from '../../src/simulator/random.ts';
import { assertMirrorMatches } from '../helpers/compare-mirror.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';
import { scaled } from '../helpers/slowness.ts';

/** Back to a workspace the bot has chosen polls in but never synced runs or flows of. */
async function forgetRunsAndQuestions(demo: DemoOrg) {
  await demo.sql`delete from questions`;
  await demo.sql`delete from poll_runs`;
  await demo.sql`delete from sync_checkpoints where entity like 'runs%' or entity = 'flows'`;
}

async function answerCount(demo: DemoOrg): Promise<number> {
  const [row] = await demo.sql<{ n: number }[]>`select count(*)::int as n from answers`;
  return row!.n;
}

test('runs synced before their poll’s questions keep every answer', { timeout: scaled(120_000) }, async (t) => {
  const demo = await createDemoOrg();
  t.after(() => demo.close());
  const expected = await answerCount(demo);
  assert.ok(expected > 100);
  await forgetRunsAndQuestions(demo);

  // What a second setup sync did: runs first, the flows sync held by another job.
  await syncRuns(demo.syncDeps, demo.org.id);
  assert.equal(await answerCount(demo), 0, 'no question is known yet');
  await syncFlows(demo.syncDeps, demo.org.id);
  assert.equal(await answerCount(demo), expected);
  await assertMirrorMatches(demo.sql, demo.simulator.store);
});

test('concurrent syncs of one org give the same mirror as one', { timeout: scaled(120_000) }, async (t) => {
  // Flow definitions answer slowly, so a second sync reaches the runs while the first still
  // holds the flows sync.
  const demo = await createDemoOrg({
    beforeRequest: (url) => (url.pathname.endsWith('/definitions.json') ? sleep(400) : undefined),
  });
  t.after(() => demo.close());
  const expected = await answerCount(demo);
  for (let round = 0; round < 3; round++) {
    await forgetRunsAndQuestions(demo);
    // Setup commands in quick succession each queue a full sync.
    await Promise.all([
      demo.sync(),
      sleep(round * 40).then(() => demo.sync()),
      sleep(round * 90).then(() => demo.sync()),
    ]);
    assert.equal(await answerCount(demo), expected, `round ${round}`);
    await assertMirrorMatches(demo.sql, demo.simulator.store);
  }
});

test('a contact restarted in a flow counts with its current run only, whatever order the runs arrive in', {
  timeout: scaled(120_000),
}, async (t) => {
  // Small pages: the old and the new runs of a contact come in different pages.
  const demo = await createDemoOrg({ answerDelayMs: [5, 20], pageSize: 20 });
  t.after(() => demo.close());
  const store = demo.simulator.store;
  const flow = store.flows.find((f) => f.name === 'Attendance')!;
  const contacts = store
    .listContacts()
    .filter((c) => c.status === 'active')
    .slice(0, 60)
    .map((c) => c.uuid);

  // Started in RapidPro (not by the bot): the runs go to the universal poll run of their day.
  await demo.rapidpro.startFlow({ flow: flow.uuid, contacts });
  await sleep(600);
  await demo.sync();
  await demo.rapidpro.startFlow({ flow: flow.uuid, contacts, restart_participants: true });
  // The new runs are synced once answered...
  await sleep(600);
  await demo.sync();
  // ...and then RapidPro touches the old runs after the new ones: they arrive last.
  const starts = store.flowStarts.slice(-2);
  const oldRuns = store.listRuns().filter((r) => r.startUuid === starts[0]!.uuid);
  for (const run of oldRuns) store.advanceRun(run.uuid, () => {});
  await demo.sync();

  const current = new Map(
    store
      .listRuns()
      .filter((r) => r.startUuid === starts[1]!.uuid)
      .map((r) => [r.contactUuid, r]),
  );
  const rows = await demo.sql<{ contact: string; run: string; status: string; answers: string[] }[]>`
    select c.uuid as contact, r.run_uuid as run, r.status,
      coalesce((select array_agg(q.result_key order by q.result_key) from answers a join questions q on q.id = a.question_id where a.response_id = r.id), '{}') as answers
    from responses r join contacts c on c.id = r.contact_id join poll_runs pr on pr.id = r.poll_run_id
    where pr.kind = 'universal' and c.uuid = any(${contacts}) and r.run_uuid = any(${store
      .listRuns()
      .filter((x) => x.flowUuid === flow.uuid && starts.some((s) => s.uuid === x.startUuid))
      .map((x) => x.uuid)})`;
  assert.equal(rows.length, current.size, 'one response per restarted contact');
  for (const row of rows) {
    const run = current.get(row.contact)!;
    assert.equal(row.run, run.uuid, `contact ${row.contact} keeps its current run`);
    assert.deepEqual(row.answers, Object.keys(run.values).sort(), `answers of contact ${row.contact}`);
  }
  // Results agree with participation: nobody counted as "no answer" has an answer.
  const [mismatch] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from answers a join responses r on r.id = a.response_id where r.status = 'empty'`;
  assert.equal(mismatch!.n, 0);
  const [day] = await demo.sql<{ id: number }[]>`
    select pr.id from poll_runs pr join polls p on p.id = pr.poll_id
    where p.uuid = ${flow.uuid} and pr.kind = 'universal' order by pr.day desc limit 1`;
  const participation = demo.text(await demo.run('admin', `participation Attendance latest`));
  const [figures] = await demo.sql<{ answered: number; first: number }[]>`
    select count(*) filter (where r.status <> 'empty')::int as answered,
      (select count(*)::int from answers a join responses r2 on r2.id = a.response_id join questions q on q.id = a.question_id
       join contacts c2 on c2.id = r2.contact_id
       where r2.poll_run_id = ${day!.id} and q.result_key = 'boys' and c2.status = 'active' and not c2.is_deleted and c2.region_id is not null) as first
    from responses r join contacts c on c.id = r.contact_id
    where r.poll_run_id = ${day!.id} and c.status = 'active' and not c.is_deleted and c.region_id is not null`;
  const complete = Number(/^Complete: (\d+)/m.exec(participation)![1]);
  const partial = Number(/^Partial: (\d+)/m.exec(participation)?.[1] ?? 0);
  assert.equal(complete + partial, figures!.answered, participation);
  assert.ok(figures!.first <= figures!.answered, 'no more answers to a question than contacts who answered');
});

test('a run committed late, behind the last window, is still fetched', { timeout: scaled(120_000) }, async (t) => {
  const demo = await createDemoOrg();
  t.after(() => demo.close());
  const store = demo.simulator.store;
  const [checkpoint] = await demo.sql<
    { at: Date }[]
  >`select synced_until as at from sync_checkpoints where entity = 'runs'`;
  const flow = store.flows.find((f) => f.name === 'School Status')!;
  const contact = store.listContacts().find((c) => c.status === 'active')!;
  // RapidPro stamped it a minute before our last window ended, but it was not readable then
  // (a replica behind, a transaction that committed late).
  const late = new Date(new Date(checkpoint!.at).getTime() - 60_000);
  const uuid = randomUuid(createRandom(5));
  store.addRun(
    {
      uuid,
      flowUuid: flow.uuid,
      contactUuid: contact.uuid,
      startUuid: null,
      responded: true,
      path: [],
      values: {
        open: {
          name: 'Open',
          value: 'Yes',
          category: 'Yes',
          node: flow.questions[0]!.nodeUuid,
          time: late,
          input: 'Yes',
        },
      },
      createdOn: late,
      exitedOn: null,
      exitType: null,
    },
    { late: true },
  );
  assert.equal(store.runs.get(uuid)!.modifiedOn.getTime(), late.getTime());
  await demo.sync();
  const [row] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from responses r join answers a on a.response_id = r.id where r.run_uuid = ${uuid}`;
  assert.equal(row!.n, 1, 'the late run and its answer are mirrored');
});

test('answers to a start land in its poll run when the process died before recording the batch', {
  timeout: scaled(120_000),
}, async (t) => {
  const demo = await createDemoOrg({ answerDelayMs: [5, 30] });
  t.after(() => demo.close());
  const confirmation = await demo.run('admin', 'start Attendance Gulu');
  const button = confirmation.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
  await demo.run('admin', button.command, { fromButton: true });
  const [message] = await demo.sql<{ id: number; pollRunId: number; asked: number }[]>`
    select id, poll_run_id as "pollRunId", recipient_count as asked from outbound_messages order by id desc limit 1`;
  // The crash: RapidPro took every batch, but none of its answers was written down.
  await demo.sql`update outbound_batches set state = 'sending', rapidpro_ref = null where message_id = ${message!.id}`;
  await sleep(1500);
  await demo.sync();

  const starts = demo.simulator.store.flowStarts.map((s) => s.uuid);
  const runs = demo.simulator.store.listRuns().filter((r) => r.startUuid && starts.includes(r.startUuid));
  assert.ok(runs.length > 0);
  const placed = await demo.sql<{ pollRunId: number; kind: string; n: number }[]>`
    select r.poll_run_id as "pollRunId", pr.kind, count(*)::int as n from responses r join poll_runs pr on pr.id = r.poll_run_id
    where r.run_uuid = any(${runs.map((r) => r.uuid)}) group by 1, 2`;
  assert.deepEqual(
    placed.map((p) => ({ ...p, kind: p.kind === 'universal' ? 'universal' : 'started' })),
    [{ pollRunId: message!.pollRunId, kind: 'started', n: runs.length }],
    'every run in the start’s poll run',
  );
  // Today as the org counts days (Kampala's date, a day ahead of UTC's between 21:00 and midnight UTC).
  const universalToday = await demo.sql`
    select 1 from poll_runs pr join polls p on p.id = pr.poll_id join orgs o on o.id = p.org_id
    where p.name = 'Attendance' and pr.kind = 'universal' and pr.day = (now() at time zone o.timezone)::date`;
  assert.equal(universalToday.length, 0, 'no universal poll run was made for the start’s answers');

  const participation = demo.text(await demo.run('admin', 'participation Attendance latest Gulu'));
  const completed = runs.filter((r) => r.exitType === 'completed').length;
  assert.match(participation, new RegExp(`^Complete: ${completed} `, 'm'));
  const nonrespondents = demo.text(
    await demo.run('admin', 'message Attendance latest Gulu nonrespondents Please answer'),
  );
  assert.match(nonrespondents, new RegExp(`^Contacts: ${message!.asked - completed}$`, 'm'));
});

test('poll, participation and cohorts count the same contacts as asked (deleted ones do not count)', {
  timeout: scaled(120_000),
}, async (t) => {
  const demo = await createDemoOrg();
  t.after(() => demo.close());
  // A contact asked in the latest Attendance date is deleted in RapidPro.
  const [asked] = await demo.sql<{ uuid: string }[]>`
    select c.uuid from responses r join contacts c on c.id = r.contact_id
    where r.poll_run_id = (select pr.id from poll_runs pr join polls p on p.id = pr.poll_id where p.name = 'Attendance' order by pr.day desc, pr.created_at desc limit 1)
      and c.status = 'active' and c.region_id is not null limit 1`;
  demo.simulator.store.deleteContact(asked!.uuid);
  await demo.sync();
  const participation = demo.text(await demo.run('admin', 'participation Attendance latest'));
  const askedCount = Number(/^Asked: (\d+)/m.exec(participation)![1]);
  const poll = demo.text(await demo.run('admin', 'poll Attendance'));
  const firstDate = poll.split('\n').find((line) => /\d{4}-\d{2}-\d{2}/.test(line))!;
  assert.match(firstDate, new RegExp(`\\b${askedCount}\\b`), `${firstDate} vs ${participation}`);
  const complete = Number(/^Complete: (\d+)/m.exec(participation)![1]);
  const message = demo.text(await demo.run('admin', 'message Attendance latest nonrespondents Please answer'));
  assert.match(message, new RegExp(`^Contacts: ${askedCount - complete}$`, 'm'));
});
