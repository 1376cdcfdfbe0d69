// Chaos: a 5,000-contact cohort message sent by a process killed with SIGKILL at random points —
// often after RapidPro took a batch but before we recorded it — and restarted until done. At
// the simulator, every contact received the message exactly once.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { createDraftMessage } from '../../src/db/queries/create-draft-message.ts';
import { createRandom, randomUuid } from '../../src/simulator/random.ts';
import { createDemoOrg } from '../helpers/demo-org.ts';
import { startWorker } from '../helpers/start-worker.ts';

const CONTACTS = 5000;

for (const seed of [1, 2, 3]) {
  test(`a cohort send killed at random points reaches everyone once (seed ${seed})`, {
    timeout: 180_000,
  }, async (t) => {
    const demo = await createDemoOrg();
    t.after(() => demo.close());
    const random = createRandom(seed);
    const uuids: string[] = [];
    for (let i = 0; i < CONTACTS; i++) {
      const contact = demo.simulator.store.addContact({
        uuid: randomUuid(random),
        name: `Cohort ${i}`,
        language: 'eng',
        urns: [`tel:+25671${String(i).padStart(7, '0')}`],
        groups: [],
        fields: {},
        status: 'active',
        lastSeenOn: null,
      });
      uuids.push(contact.uuid);
    }
    const [admin] = await demo.sql<{ id: number }[]>`select id from chat_identities where external_id = 'admin'`;
    const text = `Exams start Monday (${seed})`;
    const messageId = await createDraftMessage(demo.db, {
      orgId: demo.org.id,
      pollId: null,
      pollRunId: null,
      cohort: 'all',
      text,
      contactUuids: uuids,
      identityId: admin!.id,
      idempotencyKey: `chaos:${seed}`,
    });
    await demo.sql`update outbound_messages set state = 'pending' where id = ${messageId}`;
    // RapidPro acts on a batch, then takes a while to answer: a kill then leaves it unrecorded.
    demo.simulator.setFaults({ answerLatencyMs: 30 });

    let kills = 0;
    for (let attempt = 0; attempt < 60; attempt++) {
      const worker = startWorker(demo, ['send', String(messageId)]);
      let exited = false;
      void worker.exited.then(() => (exited = true));
      if (attempt < 12) {
        // Wait until it is sending, then kill it a few milliseconds later: often while RapidPro
        // has acted on a batch and not yet answered.
        const since = new Date();
        while (!exited) {
          const [sending] = await demo.sql<{ n: number }[]>`
            select count(*)::int as n from outbound_batches where message_id = ${messageId} and attempted_at > ${since.toISOString()}`;
          if (sending!.n > 0) break;
          await sleep(5);
        }
        await sleep(Math.floor(random() * 400));
        if (!exited) {
          worker.child.kill('SIGKILL');
          kills++;
        }
      }
      await worker.exited;
      const [row] = await demo.sql<{ state: string }[]>`select state from outbound_messages where id = ${messageId}`;
      if (row!.state === 'sent') break;
    }
    const [row] = await demo.sql<{ state: string }[]>`select state from outbound_messages where id = ${messageId}`;
    assert.equal(row!.state, 'sent');
    assert.ok(kills >= 3, `killed ${kills} times`);

    const received = new Map<string, number>();
    for (const message of demo.simulator.store.messages) {
      if (message.direction === 'out' && message.broadcast !== null && message.text === text) {
        received.set(message.contactUuid, (received.get(message.contactUuid) ?? 0) + 1);
      }
    }
    const twice = [...received].filter(([, n]) => n > 1).length;
    const missing = uuids.filter((uuid) => !received.has(uuid)).length;
    assert.deepEqual({ contacts: received.size, twice, missing }, { contacts: CONTACTS, twice: 0, missing: 0 });
  });
}
