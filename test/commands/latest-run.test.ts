// Which poll run a date or `latest` means: the newest in the person's scope by when it was
// conducted — a start made here counts from the moment it is confirmed, before RapidPro has
// taken its contacts — and a send's confirmation names the run it is about.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { localDay } from '../../src/domain/local-day.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

const firstButton = (reply: Awaited<ReturnType<DemoOrg['run']>>) =>
  reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;

async function confirm(user: string, line: string) {
  const reply = await demo.run(user, line);
  return demo.text(await demo.run(user, firstButton(reply).command, { fromButton: true }));
}

test('right after start, today and latest find the run just started, queued contacts said so', async () => {
  const today = localDay(new Date(), demo.org.timezone);
  const sendOutbox = demo.services.jobs.sendOutbox;
  // RapidPro has not taken the batches yet: the send is queued.
  demo.services.jobs.sendOutbox = async () => {};
  try {
    assert.match(await confirm('kampala-supervisor', 'start Attendance Kampala'), /is queued: \d+ contacts/);
    const [start] = await demo.sql<{ id: number; count: number; runId: number }[]>`
      select id, recipient_count as count, poll_run_id as "runId" from outbound_messages order by id desc limit 1`;
    for (const [user, line] of [
      ['kampala-supervisor', 'participation Attendance today'],
      ['kampala-supervisor', 'participation Attendance latest'],
      ['admin', 'participation Attendance today Kampala'],
    ] as const) {
      const text = demo.text(await demo.run(user, line));
      assert.match(text, new RegExp(`^Attendance — ${today}`, 'm'), `${user}: ${line}\n${text}`);
      assert.match(text, new RegExp(`${start!.count} contacts are queued for RapidPro`), text);
    }
    demo.services.jobs.sendOutbox = sendOutbox;
    await sendOutbox(start!.id);
    const text = demo.text(await demo.run('kampala-supervisor', 'participation Attendance today'));
    assert.match(text, new RegExp(`^Asked: ${start!.count}$`, 'm'));
    assert.doesNotMatch(text, /queued/);
  } finally {
    demo.services.jobs.sendOutbox = sendOutbox;
  }
});

test('latest is the run conducted last, not the row written last; the confirmation names it', async () => {
  const gulu = await demo.sql<{ uuid: string }[]>`
    select c.uuid from contacts c join regions r on r.id = c.region_id
    where r.name = 'Gulu' and c.status = 'active' and not c.is_deleted order by c.uuid`;
  const [poll] = await demo.sql<{ uuid: string }[]>`select uuid from polls where name = 'Attendance'`;
  // Someone starts the poll for part of Gulu in RapidPro itself, before the start made here …
  const outside = await demo.rapidpro.startFlow({ flow: poll!.uuid, contacts: gulu.slice(0, 5).map((c) => c.uuid) });
  // The simulator's clock runs a little ahead of the database's (its stamps are strictly
  // increasing): the start made here must come after those runs on the database's clock.
  const runsAt = () =>
    Math.max(
      ...demo.simulator.store
        .listRuns()
        .filter((r) => r.startUuid === outside.uuid)
        .map((r) => r.createdOn.getTime()),
    );
  for (;;) {
    const [clock] = await demo.sql<{ now: Date }[]>`select clock_timestamp() as now`;
    if (Number.isFinite(runsAt()) && new Date(clock!.now).getTime() > runsAt()) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.match(await confirm('admin', 'start Attendance Gulu'), /Attendance for Gulu is queued/);
  const [ours] = await demo.sql<{ runId: number }[]>`
    select poll_run_id as "runId" from outbound_messages order by id desc limit 1`;
  // … and the sync that brings those runs in writes their day's poll run after ours.
  await demo.sync();
  const [universal] = await demo.sql<{ id: number; newer: boolean }[]>`
    select u.id, u.created_at > o.created_at as newer from poll_runs u, poll_runs o
    where o.id = ${ours!.runId} and u.poll_id = o.poll_id and u.day = o.day and u.kind = 'universal'`;
  assert.ok(universal?.newer, 'the universal poll run of the day is written after the start made here');

  const reply = demo.text(await demo.run('admin', 'message Attendance latest Gulu nonrespondents Please answer'));
  const [draft] = await demo.sql<{ runId: number }[]>`
    select poll_run_id as "runId" from outbound_messages order by id desc limit 1`;
  assert.equal(draft!.runId, ours!.runId, reply);
  assert.match(reply, /Started .+ by admin for Gulu\./, reply);
});
