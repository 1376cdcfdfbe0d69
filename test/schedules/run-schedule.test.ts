// Scheduled poll starts and reminders: scheduled through the commands, run by the job with the
// real outbox against the simulator.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runScheduleJob } from '../../jobs/run-schedule.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

const idOf = (text: string) => Number(/#\u2068?(\d+)/.exec(text)![1]);
const run = (scheduleId: number) => runScheduleJob.run(demo.syncDeps, { scheduleId });
/** A command whose confirmation's first button is pressed: the reply to that press. */
const confirmed = async (line: string) => {
  const ask = await demo.run('kampala-supervisor', line);
  const button = ask.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
  return demo.run('kampala-supervisor', button.command, { fromButton: true });
};

test('start … at asks first, then schedules once however often the button is pressed', async () => {
  const ask = await demo.run('kampala-supervisor', 'start Attendance Nakawa at 2999-01-04 08:00');
  assert.match(demo.text(ask), /^Schedule Attendance\?/);
  const button = ask.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
  const done = demo.text(await demo.run('kampala-supervisor', button.command));
  assert.match(done, /^Schedule #\d+: Attendance starts for Nakawa on .*2999/);
  assert.match(demo.text(await demo.run('kampala-supervisor', button.command)), /already confirmed/);
  const id = idOf(done);
  assert.deepEqual(demo.jobSchedules.get(id), { at: new Date('2999-01-04T05:00:00Z') });
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'schedules')),
    new RegExp(`#${id} · start Attendance for Nakawa on 2999-01-04 08:00`),
  );

  // When the time comes, the poll starts for Nakawa through the outbox; a retried job does not
  // start it again.
  assert.deepEqual(await run(id), { started: 1 });
  assert.deepEqual(await run(id), { 'already-done': 1 });
  const [started] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from outbound_messages where kind = 'poll_start' and idempotency_key like ${`schedule:${id}:%`}`;
  assert.equal(started!.n, 1);
});

test('start … every takes a cron line in quotes; a bad one or a past time is refused', async () => {
  const ask = await demo.run('kampala-supervisor', 'start Attendance Kampala every "0 8 * * 1"');
  const button = ask.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
  const id = idOf(demo.text(await demo.run('kampala-supervisor', button.command)));
  assert.deepEqual(demo.jobSchedules.get(id), { cron: '0 8 * * 1', timezone: 'Africa/Kampala' });
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'start Attendance Kampala every "every monday"')),
    /is not a cron line/,
  );
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'start Attendance Kampala at 2001-01-01 08:00')),
    /That time has passed/,
  );
  assert.match(demo.text(await demo.run('kampala-supervisor', 'start Attendance Kampala at noon')), /Give the time as/);
  // Cancelled, it runs no more.
  assert.match(demo.text(await demo.run('kampala-supervisor', `schedules cancel #${id}`)), /is cancelled/);
  assert.equal(demo.jobSchedules.has(id), false);
  assert.deepEqual(await run(id), { cancelled: 1 });
});

test('start … every more often than once an hour is refused, saying how often it would start', async () => {
  for (const [cron, perDay] of [
    ['* * * * *', '1,440'],
    ['*/30 * * * *', '48'],
    ['0,10 8 * * 1', '2'],
  ] as const) {
    const reply = demo.text(await demo.run('kampala-supervisor', `start Attendance Kampala every "${cron}"`));
    assert.equal(
      reply,
      `“${cron}” would start the poll ${perDay} times a day. A scheduled start may repeat at most once an hour: write a cron line with at least an hour between starts, e.g. every "0 8 * * 1" for Mondays at 08:00.`,
    );
  }
  const hourly = await demo.run('kampala-supervisor', 'start Attendance Kampala every "0 * * * *"');
  assert.ok(
    hourly.blocks.some((b) => b.type === 'buttons'),
    demo.text(hourly),
  );
});

test('a reminder goes once to those who have still not answered, and not at all when everyone has', async () => {
  const reply = demo.text(await confirmed('remind Attendance latest Kawempe after 2h Please send today’s numbers'));
  assert.match(
    reply,
    /^Reminder #\d+: on .*, whoever has not answered Attendance \(\d{4}-\d\d-\d\d\) by then gets a message — \d+ contacts so far\.$/m,
  );
  assert.match(reply, /Text: Please send today’s numbers/);
  const id = idOf(reply);
  const at = (demo.jobSchedules.get(id) as { at: Date }).at.getTime();
  assert.ok(Math.abs(at - (Date.now() + 2 * 3_600_000)) < 60_000);

  // Someone answers in the meantime: they are left out.
  const [waiting] = await demo.sql<{ id: number; contactId: number; pollRunId: number }[]>`
    select r.id, r.contact_id as "contactId", r.poll_run_id as "pollRunId" from responses r join contacts c on c.id = r.contact_id
    join regions g on g.id = c.region_id join schedules s on s.poll_run_id = r.poll_run_id
    where s.id = ${id} and g.name = 'Kawempe' and r.status <> 'complete' and c.status = 'active' limit 1`;
  await demo.sql`update responses set status = 'complete' where id = ${waiting!.id}`;
  const [expected] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from responses r join contacts c on c.id = r.contact_id join regions g on g.id = c.region_id
    where r.poll_run_id = ${waiting!.pollRunId} and g.name = 'Kawempe' and r.status <> 'complete' and c.status = 'active' and not c.is_deleted`;

  assert.deepEqual(await run(id), { reminded: 1 });
  assert.deepEqual(await run(id), { 'already-done': 1 });
  const [message] = await demo.sql<{ count: number; text: string; state: string }[]>`
    select recipient_count as count, text, state from outbound_messages where idempotency_key = ${`remind:${id}`}`;
  assert.equal(message!.count, expected!.n);
  assert.equal(message!.text, 'Please send today’s numbers');
  assert.equal(message!.state, 'sent');
  const [left] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from outbound_batches b join outbound_messages m on m.id = b.message_id, unnest(b.contact_uuids) u
    join contacts c on c.uuid = u where m.idempotency_key = ${`remind:${id}`} and c.id = ${waiting!.contactId}`;
  assert.equal(left!.n, 0, 'the contact who answered is not reminded');

  // When everyone has answered, nothing is sent.
  const again = idOf(demo.text(await confirmed('remind Attendance latest Kawempe after 30m')));
  await demo.sql`update responses set status = 'complete' where poll_run_id = ${waiting!.pollRunId}`;
  assert.deepEqual(await run(again), { 'everyone-answered': 1 });
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'remind Attendance after 5 weeks')),
    /“5 weeks” is not a delay between 1 minute and 30 days/,
  );
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'remind Attendance')),
    /Write: remind <poll> after <duration>/,
  );
});
