import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  // Not a copy of the run's demo org: what this file reads is the status its first sync leaves.
  demo = await createDemoOrg({ fresh: true });
});
after(() => demo?.close());

test('sync status shows every entity with its last success, lag and counts', async () => {
  const text = demo.text(await demo.run('admin', 'sync status'));
  for (const entity of [
    'Groups',
    'Contact fields',
    'Boundaries',
    'Contacts',
    'Polls and questions',
    'Inbox',
    'Runs of Attendance',
    'Runs of all polls',
  ]) {
    assert.match(text, new RegExp(`^${entity}: synced \\d+ seconds? ago · \\d+ seconds? behind`, 'm'), entity);
  }
  assert.match(text, /^Contacts: .*240 contacts/m);
  assert.match(text, /^Polls and questions: .*4 polls, 7 questions/m);
  assert.doesNotMatch(text, /last error/);
});

test('a failing sync shows its error until the next success', async () => {
  demo.simulator.setFaults({ rate500: 1 });
  await assert.rejects(demo.sync());
  demo.simulator.setFaults({});
  const failing = demo.text(await demo.run('admin', 'sync status'));
  assert.match(failing, /^Groups: .*last error: RapidPro groups\.json answered 500/m);
  await demo.sync();
  assert.doesNotMatch(demo.text(await demo.run('admin', 'sync status')), /last error/);
});

test('sync is for admins, and says what it does not know', async () => {
  assert.match(demo.text(await demo.run('kampala-supervisor', 'sync status')), /Only admins/);
  assert.match(demo.text(await demo.run('admin', 'sync everything')), /sync has no part called “everything”/);
});

test('sync status counts what the mirror holds, after an interrupted sync too, and no system group', async () => {
  // A second workspace whose runs read breaks off after a few pages, as a throttled or killed first sync does.
  let interruptAfter = Number.POSITIVE_INFINITY;
  let runPages = 0;
  const small = await createDemoOrg({
    pageSize: 40,
    beforeRequest: (url) => {
      if (url.pathname.endsWith('/runs.json') && ++runPages > interruptAfter) throw new Error('connection reset');
    },
  });
  try {
    small.simulator.store.groups.push({ uuid: 'sys-active', name: 'Active', query: null, system: true });
    const [attendance] = await small.sql<{ uuid: string }[]>`select uuid from polls where name = 'Attendance'`;
    // Attendance is fetched again from its beginning, and breaks off after three pages.
    await small.sql`delete from sync_checkpoints where entity in ('runs', ${`runs:${attendance!.uuid}`})`;
    runPages = 0;
    interruptAfter = 3;
    await assert.rejects(small.sync());
    interruptAfter = Number.POSITIVE_INFINITY;
    await small.sync();

    const [held] = await small.sql<{ responses: number; answers: number; groups: number }[]>`
      select (select count(*)::int from responses r join poll_runs pr on pr.id = r.poll_run_id
              join polls p on p.id = pr.poll_id where p.name = 'Attendance') as responses,
             (select count(*)::int from answers a join questions q on q.id = a.question_id
              join polls p on p.id = q.poll_id where p.name = 'Attendance') as answers`;
    const text = small.text(await small.run('admin', 'sync status'));
    const number = (n: number) => n.toLocaleString('en');
    assert.match(
      text,
      new RegExp(`^Runs of Attendance: .*${number(held!.responses)} responses, ${number(held!.answers)} answers`, 'm'),
    );
    const groups = small.simulator.store.groups.filter((g) => !g.system).length;
    assert.match(text, new RegExp(`^Groups: .*${groups} groups in RapidPro, \\d+ regions, \\d+ reporter groups`, 'm'));
    assert.match(small.text(await small.run('admin', 'sync now')), /sync of everything is queued/);
    assert.doesNotMatch(small.text(await small.run('admin', 'sync now')), /full sync/);
  } finally {
    await small.close();
  }
});
