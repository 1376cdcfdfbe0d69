// Exactly once under the conditions a deployment meets every week: a send that takes far longer
// than any job lock, RapidPro throttling, several processes sending the same row, one of them
// failing every job it runs, and one killed with SIGKILL mid-send.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';
import { startWorker } from '../helpers/start-worker.ts';
import { confirmedStart } from '../helpers/confirmed-start.ts';
import { scaled } from '../helpers/slowness.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const confirmedStartOf = (demo: DemoOrg, count: number, seed: number) =>
  confirmedStart(demo, count, { seed, idempotencyKey: `exactly-once:${seed}`, phonePrefix: '+25672' });

/** What RapidPro did with the row: flow starts per batch, and how often each contact was reached. */
function tally(demo: DemoOrg, messageUuid: string) {
  const starts = demo.simulator.store.flowStarts.filter((s) =>
    String(s.params.tracbot_batch ?? '').startsWith(`tracbot:${messageUuid}:`),
  );
  const perBatch = new Map<string, number>();
  const perContact = new Map<string, number>();
  for (const start of starts) {
    const key = String(start.params.tracbot_batch);
    perBatch.set(key, (perBatch.get(key) ?? 0) + 1);
    for (const uuid of start.reached) perContact.set(uuid, (perContact.get(uuid) ?? 0) + 1);
  }
  return { starts: starts.length, batchesTwice: [...perBatch.values()].filter((n) => n > 1).length, perContact };
}

/** The row's state once it is one of `states`; null if it is not within `idleMs` (stretched by the run's slowness). */
async function waitForState(demo: DemoOrg, messageId: number, states: string[], idleMs: number) {
  for (const deadline = Date.now() + scaled(idleMs); Date.now() < deadline; await sleep(100)) {
    const [row] = await demo.sql<{ state: string }[]>`select state from outbound_messages where id = ${messageId}`;
    if (states.includes(row!.state)) return row!.state;
  }
  return null;
}

test('1,500 contacts, slow and throttled RapidPro, three processes sending the same row with 1-second job locks: each contact asked once', {
  timeout: scaled(120_000),
}, async (t) => {
  const demo = await createDemoOrg();
  t.after(() => demo.close());
  // Fifteen batches: the send lasts many times a job lock, as thirty did.
  const { messageId, uuids, key } = await confirmedStartOf(demo, 1500, 11);
  // Every request takes longer than a job lock lasts, and three in ten are throttled.
  demo.simulator.setFaults({ latencyMs: 400, rate429: 0.3, retryAfterSeconds: 1 });

  const workers = [1, 2, 3].map(() => startWorker(demo, ['work', String(demo.org.id), String(messageId)]));
  const state = await waitForState(demo, messageId, ['sent', 'failed'], 60_000);
  for (const worker of workers) worker.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  assert.equal(state, 'sent');

  const { starts, batchesTwice, perContact } = tally(demo, key);
  const twice = [...perContact.values()].filter((n) => n > 1).length;
  const missing = uuids.filter((uuid) => !perContact.has(uuid)).length;
  assert.deepEqual({ starts, batchesTwice, twice, missing }, { starts: 15, batchesTwice: 0, twice: 0, missing: 0 });
});

test('three processes, one failing every job: none exits; the sender killed with SIGKILL mid-send, another finishes its work', {
  timeout: scaled(120_000),
}, async (t) => {
  const demo = await createDemoOrg();
  t.after(() => demo.close());
  const { messageId, uuids, key } = await confirmedStartOf(demo, 1500, 12);
  demo.simulator.setFaults({ latencyMs: 300 });

  const healthy = [1, 2].map(() => startWorker(demo, ['work', String(demo.org.id), String(messageId)]));
  const failing = startWorker(demo, ['work', String(demo.org.id), '', 'broken']);
  t.after(() => [...healthy, failing].forEach((w) => w.child.kill('SIGKILL')));
  const early: number[] = [];
  for (const worker of [...healthy, failing])
    void worker.exited.then((code) => code !== -1 && early.push(worker.child.pid!));

  // Kill whichever process is sending, once it is part-way through (4 of its 15 batches sent);
  // watched until the row is no longer being sent.
  let killed: number | null = null;
  for (let open = true; open && killed === null; ) {
    const [row] = await demo.sql<{ sent: number; by: string | null; open: boolean }[]>`
      select count(*) filter (where b.state = 'sent')::int as sent,
        max(b.claimed_by) filter (where b.state = 'sending') as by,
        bool_or(m.state in ('pending', 'sending')) as open
      from outbound_batches b join outbound_messages m on m.id = b.message_id where b.message_id = ${messageId}`;
    open = row!.open;
    if (row!.sent >= 4 && row!.by) {
      const pid = Number(row!.by.split(':').at(-1));
      const victim = healthy.find((w) => w.child.pid === pid);
      if (victim) {
        victim.child.kill('SIGKILL');
        killed = pid;
      }
    }
    await sleep(50);
  }
  assert.ok(killed, 'a sending process was killed mid-send');
  const state = await waitForState(demo, messageId, ['sent', 'failed'], 60_000);
  assert.equal(state, 'sent');

  const { starts, batchesTwice, perContact } = tally(demo, key);
  const twice = [...perContact.values()].filter((n) => n > 1).length;
  const missing = uuids.filter((uuid) => !perContact.has(uuid)).length;
  assert.deepEqual({ starts, batchesTwice, twice, missing }, { starts: 15, batchesTwice: 0, twice: 0, missing: 0 });

  // The failing process fails jobs and says so (whenever it wins a sync job from the others: a
  // send over before it won one leaves it to the next), no process ended before it was told to,
  // and every process but the killed one drains and exits 0 when told.
  await waitUntil(
    () => failing.lines().some((l) => l.msg === 'job failed'),
    'a job failed in the broken process',
    30_000,
  );
  assert.deepEqual(early, [], 'no process ended before its time');
  for (const worker of [...healthy, failing]) worker.child.kill('SIGTERM');
  const codes = await Promise.all([...healthy, failing].map((w) => w.exited));
  assert.deepEqual(
    codes.filter((code) => code !== -1),
    [0, 0],
  );
});
