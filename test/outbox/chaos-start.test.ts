// Chaos for a poll start: a 2,000-contact flow start sent by a process killed with SIGKILL at
// random points — often after RapidPro started a batch but before we recorded it — and resumed
// by another process each time until done. A batch left `sending` is looked up in RapidPro by the
// batch key its flow start carries, so at the simulator every contact was asked exactly once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom } from '../../src/simulator/random.ts';
import { createDemoOrg } from '../helpers/demo-org.ts';
import { confirmedStart } from '../helpers/confirmed-start.ts';
import { sendUnderKills } from '../helpers/send-under-kills.ts';
import { scaled } from '../helpers/slowness.ts';

const CONTACTS = 2000;
const seed = 4;

test('a poll start killed at random points and resumed by other processes asks everyone once', {
  timeout: scaled(120_000),
}, async (t) => {
  const demo = await createDemoOrg();
  t.after(() => demo.close());
  const { messageId, uuids, key } = await confirmedStart(demo, CONTACTS, {
    seed,
    idempotencyKey: `chaos-start:${seed}`,
    phonePrefix: '+25674',
  });
  // When each kill falls after a batch was claimed.
  const random = createRandom(seed);
  // RapidPro acts on a batch, then takes a while to answer: a kill then leaves it unrecorded.
  demo.simulator.setFaults({ answerLatencyMs: 30 });

  const { state, kills } = await sendUnderKills(demo, messageId, { random, withinMs: 300 });
  assert.equal(state, 'sent');
  assert.ok(kills >= 3, `killed ${kills} times`);
  t.diagnostic(`killed ${kills} times`);

  // Each batch started once, each contact asked once, and each batch knows its flow start.
  const starts = demo.simulator.store.flowStarts.filter((s) =>
    String(s.params.tracbot_batch ?? '').startsWith(`tracbot:${key}:`),
  );
  const perBatch = new Map<string, number>();
  const perContact = new Map<string, number>();
  for (const start of starts) {
    perBatch.set(String(start.params.tracbot_batch), (perBatch.get(String(start.params.tracbot_batch)) ?? 0) + 1);
    for (const uuid of start.contacts) perContact.set(uuid, (perContact.get(uuid) ?? 0) + 1);
  }
  const twice = [...perContact.values()].filter((n) => n > 1).length;
  const missing = uuids.filter((uuid) => !perContact.has(uuid)).length;
  const batchesTwice = [...perBatch.values()].filter((n) => n > 1).length;
  assert.deepEqual(
    { starts: starts.length, batchesTwice, twice, missing },
    { starts: CONTACTS / 100, batchesTwice: 0, twice: 0, missing: 0 },
  );
  const refs = await demo.sql<
    { ref: string | null }[]
  >`select rapidpro_ref as ref from outbound_batches where message_id = ${messageId}`;
  assert.deepEqual(
    new Set(refs.map((r) => r.ref)),
    new Set(starts.map((s) => s.uuid)),
    'every batch recorded its own flow start',
  );
});
