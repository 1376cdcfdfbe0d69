// A poll start RapidPro refuses one batch of (400, a contact deleted there since the last sync):
// that batch is failed with RapidPro's reason, the batches before and after it are taken, the
// requester is told in RapidPro's words how many were reached, and only those count as asked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRandom, randomUuid } from '../../src/simulator/random.ts';
import { createDemoOrg } from '../helpers/demo-org.ts';

const random = createRandom(21);

test('a poll start with one batch RapidPro refuses: that batch fails, the others go out, the requester is told why', async (t) => {
  const demo = await createDemoOrg();
  t.after(() => demo.close());
  // Enough contacts for four batches of RapidPro's 100.
  const groups = ['Kampala', 'Teachers'].map((name) => demo.simulator.store.groups.find((g) => g.name === name)!.uuid);
  for (let i = 0; i < 250; i++) {
    demo.simulator.store.addContact({
      uuid: randomUuid(random),
      name: `Pupil ${i}`,
      language: 'eng',
      urns: [`tel:+25673${String(i).padStart(7, '0')}`],
      groups,
      fields: { district: 'Kampala' },
      status: 'active',
      lastSeenOn: null,
    });
  }
  // The simulator stamps each new contact a moment apart, some after the sync window closes: sync
  // until the mirror has them all.
  const pupils = async () =>
    (await demo.sql<{ n: number }[]>`select count(*)::int as n from contacts where name like 'Pupil %'`)[0]!.n;
  for (let i = 0; i < 100 && (await pupils()) < 250; i++) {
    await sleep(20);
    await demo.sync();
  }
  assert.equal(await pupils(), 250);
  const confirmation = await demo.run('admin', 'start Attendance Central');
  const button = confirmation.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0];
  assert.ok(button, demo.text(confirmation));
  // A contact of the cohort is deleted in RapidPro after the confirmation was drawn: the mirror
  // has not heard of it yet, so its batch carries it and RapidPro refuses that batch.
  const [victim] = await demo.sql<{ uuid: string }[]>`
    with recursive subtree(id) as (
      select id from regions where name = 'Central' union all select r.id from regions r join subtree s on r.parent_id = s.id
    )
    select uuid from contacts where region_id in (select id from subtree) and status = 'active' and not is_deleted order by id offset 180 limit 1`;
  const gone = victim!.uuid;
  demo.simulator.store.deleteContact(gone);
  await demo.run('admin', button.command, { fromButton: true });

  const [message] = await demo.sql<{ id: number; uuid: string; pollRunId: number }[]>`
    select id, uuid, poll_run_id as "pollRunId" from outbound_messages order by id desc limit 1`;
  const batches = await demo.sql<{ seq: number; contactUuids: string[] }[]>`
    select seq, contact_uuids as "contactUuids" from outbound_batches where message_id = ${message!.id} order by seq`;
  assert.ok(batches.length >= 3, `${batches.length} batches`);
  const refused = batches.find((b) => b.contactUuids.includes(gone))!.seq;
  const states = await demo.sql<{ seq: number; state: string; lastError: string | null }[]>`
    select seq, state, last_error as "lastError" from outbound_batches where message_id = ${message!.id} order by seq`;
  assert.deepEqual(
    states.map((b) => b.state),
    batches.map((b) => (b.seq === refused ? 'failed' : 'sent')),
  );
  assert.match(states[refused]!.lastError!, /No such object/);
  const [row] = await demo.sql<{ state: string }[]>`select state from outbound_messages where id = ${message!.id}`;
  assert.equal(row!.state, 'failed');

  // RapidPro started the flow for every other batch, once each, and for nobody of the refused one.
  const starts = demo.simulator.store.flowStarts.filter((s) =>
    String(s.params.tracbot_batch ?? '').startsWith(`tracbot:${message!.uuid}:`),
  );
  assert.deepEqual(
    starts.map((s) => String(s.params.tracbot_batch).split(':').at(-1)).sort(),
    batches
      .filter((b) => b.seq !== refused)
      .map((b) => String(b.seq))
      .sort(),
  );
  const taken = batches.filter((b) => b.seq !== refused).flatMap((b) => b.contactUuids);
  const total = batches.flatMap((b) => b.contactUuids).length;
  assert.deepEqual(starts.flatMap((s) => s.contacts).sort(), [...taken].sort());

  // The requester is told in RapidPro's words, not its JSON.
  const told = [...demo.notifier.messages.values()].map((m) => demo.text(m.versions.at(-1)!));
  const failure = told.find((line) => line.includes('Could not send'));
  assert.ok(failure, told.join('\n'));
  assert.match(
    failure!,
    new RegExp(
      `RapidPro took ${taken.length.toLocaleString('en')} of ${total.toLocaleString('en')} contacts\\. Why: No such object: ${gone}`,
    ),
  );
  assert.doesNotMatch(failure!, /[{}[\]]/);

  // Only contacts RapidPro took count as asked.
  const [asked] = await demo.sql<
    { n: number }[]
  >`select count(*)::int as n from responses where poll_run_id = ${message!.pollRunId}`;
  assert.equal(asked!.n, taken.length);
  assert.match(demo.text(await demo.run('admin', 'messages')), /failed: No such object/);
});
