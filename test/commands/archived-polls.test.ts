// A flow archived in RapidPro (flows.json `archived`, temba/api/v2/serializers.py
// FlowReadSerializer) stays a poll with its history, marked as archived; nothing starts it again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runScheduleJob } from '../../jobs/run-schedule.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

const firstButton = (reply: Awaited<ReturnType<DemoOrg['run']>>) =>
  reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;

const setArchived = async (archived: boolean) => {
  const flow = demo.simulator.store.flows.find((f) => f.name === 'Attendance')!;
  flow.archived = archived;
  await demo.sync();
};

test('an archived poll is marked, refused for start, restart, reminders and schedules, and still readable', async () => {
  // Scheduled before it was archived: when its time comes, nothing is started.
  const ask = await demo.run('kampala-supervisor', 'start Attendance Kampala at 2999-01-04 08:00');
  const scheduled = demo.text(await demo.run('kampala-supervisor', firstButton(ask).command));
  const scheduleId = Number(/#(\d+)/.exec(scheduled)![1]);

  await setArchived(true);
  const polls = demo.text(await demo.run('admin', 'polls'));
  assert.match(polls, /^\d+\. Attendance \(archived\) — \d{4}-\d\d-\d\d: /m);
  assert.doesNotMatch(polls, /Enrolment \(archived\)/);
  const poll = demo.text(await demo.run('admin', 'poll Attendance'));
  assert.match(poll, /^Attendance \(archived\)$/m);
  assert.match(poll, /Archived in RapidPro: its history stays readable here/);

  const refusal = /Attendance is archived in RapidPro, so it cannot be started, restarted or scheduled/;
  for (const line of [
    'start Attendance Kampala',
    'start Attendance Kampala at 2999-01-05 08:00',
    'start Attendance Kampala every "0 9 * * 1"',
    'restart Attendance',
    'remind Attendance after 2h',
  ]) {
    const reply = await demo.run('admin', line);
    assert.equal(reply.isError, true, line);
    assert.match(demo.text(reply), refusal, line);
  }
  // Its history stays readable.
  assert.match(demo.text(await demo.run('admin', 'participation Attendance')), /^Asked: /m);
  const before = await demo.sql`select count(*)::int as n from outbound_messages where kind = 'poll_start'`;
  assert.deepEqual(await runScheduleJob.run(demo.syncDeps, { scheduleId }), { 'poll-archived': 1 });
  const afterRun = await demo.sql`select count(*)::int as n from outbound_messages where kind = 'poll_start'`;
  assert.equal(afterRun[0]!.n, before[0]!.n);

  // Unarchived in RapidPro, it can be started again.
  await setArchived(false);
  assert.doesNotMatch(demo.text(await demo.run('admin', 'polls')), /\(archived\)/);
  assert.match(demo.text(await demo.run('admin', 'start Attendance Kampala')), /^Start Attendance\?/);
});
