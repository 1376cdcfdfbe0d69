// Confirmed sends are never lost silently: a RapidPro outage of hours, a crash between recording
// a send and queueing it, a scheduled start cut short — the reconciler carries each on. A send
// that fails for good is marked failed, its requester is told in words, and `messages` shows it.
// Until RapidPro has taken a batch its contacts are not counted as asked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDraftMessage } from '../../src/db/queries/create-draft-message.ts';
import { reconcileOutbox } from '../../src/outbox/reconcile-outbox.ts';
import { runSchedule } from '../../src/schedules/run-schedule.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

const HOUR = 60 * 60_000;
/** The reconciler as the job runs it, on a clock `offsetMs` ahead. */
const reconcileAt = (offsetMs: number) =>
  reconcileOutbox({ ...demo.syncDeps, now: () => new Date(Date.now() + offsetMs) });
const told = () => [...demo.notifier.messages.values()].map((m) => demo.text(m.versions.at(-1)!));
const stateOf = async (id: number) =>
  (await demo.sql<{ state: string }[]>`select state from outbound_messages where id = ${id}`)[0]!.state;

async function confirmStart(user: string, region: string) {
  const confirmation = await demo.run(user, `start Attendance ${region}`);
  const button = confirmation.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
  const reply = demo.text(await demo.run(user, button.command, { fromButton: true }));
  const [row] = await demo.sql<{ id: number; pollRunId: number; count: number }[]>`
    select id, poll_run_id as "pollRunId", recipient_count as count from outbound_messages order by id desc limit 1`;
  return { reply, ...row! };
}

test('RapidPro away for hours: the start waits, counts nobody as asked, and goes out when RapidPro is back', async () => {
  demo.simulator.setFaults({ rate500: 1 });
  const start = await confirmStart('admin', 'Kampala');
  assert.match(start.reply, /is queued/);
  assert.doesNotMatch(start.reply, /started/);
  assert.equal(await stateOf(start.id), 'sending');
  const [asked] = await demo.sql<
    { n: number }[]
  >`select count(*)::int as n from responses where poll_run_id = ${start.pollRunId}`;
  assert.equal(asked!.n, 0, 'nobody counts as asked before RapidPro took their batch');
  assert.match(
    demo.text(await demo.run('admin', 'messages')),
    new RegExp(`sending, 0 of ${start.count} with RapidPro so far`),
  );

  // Three hours of outage, the reconciler trying every quarter of an hour: still waiting, not given up.
  for (let minutes = 15; minutes <= 180; minutes += 15) await reconcileAt(minutes * 60_000);
  assert.equal(await stateOf(start.id), 'sending');
  assert.ok(!told().some((line) => /Attendance started/.test(line)));

  demo.simulator.setFaults({});
  const counts = await reconcileAt(4 * HOUR);
  assert.deepEqual(counts, { sent: 1 });
  assert.equal(await stateOf(start.id), 'sent');
  assert.ok(
    told().includes(`Attendance started: RapidPro took the poll for all ${start.count} contacts.`),
    told().join('\n'),
  );
  const [now] = await demo.sql<
    { n: number }[]
  >`select count(*)::int as n from responses where poll_run_id = ${start.pollRunId}`;
  assert.equal(now!.n, start.count);
});

test('a crash after a send was recorded and before it was queued: the reconciler sends it, once', async () => {
  const before = demo.simulator.store.flowStarts.length;
  const sendOutbox = demo.services.jobs.sendOutbox;
  // The process dies right after the confirmation is committed: the job is never queued.
  demo.services.jobs.sendOutbox = async () => {};
  try {
    const start = await confirmStart('admin', 'Gulu');
    assert.equal(await stateOf(start.id), 'pending');
    assert.deepEqual(await reconcileAt(0), { sent: 1 });
    assert.deepEqual(await reconcileAt(0), {}, 'nothing is left for a second pass');
    const batches = Math.ceil(start.count / 100);
    assert.equal(demo.simulator.store.flowStarts.length - before, batches);
  } finally {
    demo.services.jobs.sendOutbox = sendOutbox;
  }
});

test('a scheduled start whose process died before sending is carried on', async () => {
  const before = demo.simulator.store.flowStarts.length;
  const reply = demo.text(await demo.run('admin', 'start Attendance Kampala at 23:59'));
  const button = /start #\d+ #\d+ at \S+ \S+ --confirm=\S+/.exec(reply)![0];
  await demo.run('admin', button, { fromButton: true });
  const [schedule] = await demo.sql<{ id: number }[]>`select id from schedules order by id desc limit 1`;
  const outcome = await runSchedule(
    { ...demo.syncDeps, sendOutbox: async () => Promise.reject(new Error('killed')) },
    schedule!.id,
  ).catch((e: Error) => e.message);
  assert.equal(outcome, 'killed');
  assert.deepEqual(await reconcileAt(0), { sent: 1 });
  assert.ok(demo.simulator.store.flowStarts.length > before);
  // The schedule ran: a retried job does not start the poll a second time that day.
  assert.equal(await runSchedule({ ...demo.syncDeps, sendOutbox: async () => {} }, schedule!.id), 'already-done');
});

test('a send RapidPro refuses, and one it cannot take for a day, fail; the requester is told in words and messages shows it', async () => {
  const [admin] = await demo.sql<{ id: number }[]>`select id from chat_identities where external_id = 'admin'`;
  const refusedId = await createDraftMessage(demo.db, {
    orgId: demo.org.id,
    pollId: null,
    pollRunId: null,
    cohort: 'all',
    text: 'To nobody',
    contactUuids: ['00000000-0000-4000-8000-000000000000'],
    identityId: admin!.id,
    idempotencyKey: 'refused',
  });
  await demo.run('admin', `send #${refusedId}`, { fromButton: true });
  assert.equal(await stateOf(refusedId), 'failed');
  const refusal = told().find((line) => line.includes('“To nobody”'));
  assert.ok(refusal, told().join('\n'));
  assert.match(refusal!, /RapidPro took 0 of 1 contacts\. Why: .+/);
  assert.doesNotMatch(refusal!, /[{}[\]]/, 'RapidPro’s words, not its JSON');

  demo.simulator.setFaults({ rate500: 1 });
  const lostId = await createDraftMessage(demo.db, {
    orgId: demo.org.id,
    pollId: null,
    pollRunId: null,
    cohort: 'all',
    text: 'During the outage',
    contactUuids: demo.simulator.store
      .listContacts()
      .slice(0, 3)
      .map((c) => c.uuid),
    identityId: admin!.id,
    idempotencyKey: 'lost',
  });
  await demo.run('admin', `send #${lostId}`, { fromButton: true });
  await reconcileAt(12 * HOUR);
  assert.equal(await stateOf(lostId), 'sending');
  await reconcileAt(25 * HOUR);
  demo.simulator.setFaults({});
  assert.equal(await stateOf(lostId), 'failed');
  assert.ok(
    told().some((line) => line.includes('“During the outage”') && /could not be reached for a day/.test(line)),
    told().join('\n'),
  );
  const log = demo.text(await demo.run('admin', 'messages'));
  assert.match(log, /failed: RapidPro could not be reached for a day/);
  assert.match(log, /failed: No such object/);
});
