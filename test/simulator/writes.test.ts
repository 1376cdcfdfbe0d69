// What the bot sends: flow starts (contacts then answer over time) and broadcasts, with
// RapidPro's limits and refusals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts';
import { all, api, post, type Json } from './http.ts';

/** Waits until the simulated contacts have nothing left to do (bounded, in case they never stop). */
async function settle(_sim: Simulator, runsOf: () => { exitType: string | null }[], finished: number) {
  for (let i = 0; i < 600 && runsOf().filter((r) => r.exitType !== null).length < finished; i++) await sleep(10);
}

test('a flow start makes contacts answer, run by run, until most complete', async (t) => {
  // Long enough that no one has answered before the runs are first looked at, even on a busy machine.
  const sim = await startSimulator({ answerDelayMs: [150, 300] });
  t.after(() => sim.stop());
  const flow = sim.store.flows.find((f) => f.name === 'Attendance')!;
  const contacts = sim.store.listContacts();
  const active = contacts
    .filter((c) => c.status === 'active')
    .slice(0, 60)
    .map((c) => c.uuid);
  const stopped = contacts.find((c) => c.status === 'stopped')!.uuid;
  const blocked = contacts.find((c) => c.status === 'blocked')!.uuid;
  const reply = await post(api(sim, 'flow_starts'), {
    flow: flow.uuid,
    contacts: [...active, stopped, blocked],
    restart_participants: true,
  });
  assert.equal(reply.status, 201);
  const start: Json = reply.body;
  assert.equal(start.status, 'pending');
  assert.deepEqual(start.flow, { uuid: flow.uuid, name: 'Attendance' });
  assert.equal(start.contacts.length, 62);
  assert.deepEqual(start.params, {});

  const runsOf = () => sim.store.listRuns().filter((r) => r.startUuid === start.uuid);
  assert.equal(runsOf().length, 60, 'a run for every active contact at once, none for stopped or blocked ones');
  assert.ok(
    runsOf().every(
      (r) => Object.keys(r.values).length === 0 && !r.responded && r.exitType === null && r.exitedOn === null,
    ),
  );
  const fresh = await all(api(sim, 'runs', `flow=${flow.uuid}&after=${start.created_on}`));
  assert.equal(fresh.items.filter((r) => r.start?.uuid === start.uuid).length, 60);

  await settle(sim, runsOf, 50);
  const runs = (await all(api(sim, 'runs', `flow=${flow.uuid}&after=${start.created_on}`))).items.filter(
    (r) => r.start?.uuid === start.uuid,
  );
  const completed = runs.filter((r) => r.exit_type === 'completed');
  assert.ok(completed.length >= 36 && completed.length <= 58, `${completed.length} of 60 completed`);
  for (const run of completed) {
    assert.deepEqual(Object.keys(run.values).sort(), ['boys', 'girls']);
    assert.ok(['Few', 'Normal', 'Many', 'Other'].includes(run.values.boys.category));
    assert.equal(run.responded, true);
    assert.ok(run.exited_on >= run.values.girls.time && run.modified_on >= run.exited_on);
    assert.equal(run.path.at(-1).node, run.values.girls.node);
  }
  const partial = runs.filter((r) => r.exit_type === 'interrupted');
  assert.ok(partial.every((r) => Object.keys(r.values).length < 2));
  assert.deepEqual(sim.store.deliveriesTo(active[0]!), { flowStarts: 1, broadcasts: 0 });
  assert.deepEqual(sim.store.deliveriesTo(stopped), { flowStarts: 0, broadcasts: 0 });
});

test('starting again interrupts the waiting run; restart_participants=false skips past participants', async (t) => {
  const sim = await startSimulator({ answerDelayMs: [60_000, 60_000] });
  t.after(() => sim.stop());
  const [feedback, status] = [
    sim.store.flows.find((f) => f.name === 'Feedback')!,
    sim.store.flows.find((f) => f.name === 'School Status')!,
  ];
  const fresh = (await post(api(sim, 'contacts'), { name: 'Newcomer', urns: ['tel:+256788000111'] })).body;
  const veteran = sim.store
    .listRuns()
    .find(
      (r) => r.flowUuid === feedback.uuid && sim.store.contacts.get(r.contactUuid)!.status === 'active',
    )!.contactUuid;
  const first = await post(api(sim, 'flow_starts'), { flow: status.uuid, contacts: [veteran] });
  const waiting = sim.store.listRuns().find((r) => r.startUuid === first.body.uuid)!;
  assert.equal(waiting.exitType, null);

  const second = await post(api(sim, 'flow_starts'), {
    flow: feedback.uuid,
    contacts: [veteran, fresh.uuid],
    restart_participants: false,
  });
  assert.equal(second.status, 201);
  assert.equal(second.body.restart_participants, false);
  assert.deepEqual(sim.store.flowStarts.at(-1)!.reached, [fresh.uuid]);
  assert.equal(waiting.exitType, null, 'the veteran was skipped, so still waits in School Status');

  await post(api(sim, 'flow_starts'), { flow: feedback.uuid, contacts: [veteran] });
  assert.equal(waiting.exitType, 'interrupted');
  const [contact] = (await all(api(sim, 'contacts', `uuid=${veteran}`))).items;
  assert.deepEqual(contact.flow, { uuid: feedback.uuid, name: 'Feedback' });
});

test('a start by group reaches its active members; one by URN creates the contact', async (t) => {
  const sim = await startSimulator({ answerDelayMs: [60_000, 60_000] });
  t.after(() => sim.stop());
  const lira = sim.store.groups.find((g) => g.name === 'Lira')!;
  const members = sim.store.membersOf(lira.uuid);
  const reply = await post(api(sim, 'flow_starts'), {
    flow: sim.store.flows[0]!.uuid,
    groups: ['Lira'],
    urns: ['tel:+256711222333'],
  });
  assert.equal(reply.status, 201);
  assert.deepEqual(reply.body.groups, [{ uuid: lira.uuid, name: 'Lira' }]);
  const reached = sim.store.flowStarts[0]!.reached;
  const newcomer = sim.store.contactByUrn('tel:+256711222333')!;
  assert.deepEqual(
    new Set(reached),
    new Set([...members.filter((c) => c.status === 'active').map((c) => c.uuid), newcomer.uuid]),
  );
});

test('more than 100 contacts, an unknown flow, or malformed JSON are refused with 400', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const contacts = sim.store
    .listContacts()
    .slice(0, 101)
    .map((c) => c.uuid);
  const flow = sim.store.flows[0]!.uuid;
  const runsBefore = sim.store.runs.size;
  for (const [endpoint, body] of [
    ['broadcasts', { text: 'hello', contacts }],
    ['flow_starts', { flow, contacts }],
  ] as const) {
    const reply = await post(api(sim, endpoint), body);
    assert.equal(reply.status, 400, endpoint);
    assert.deepEqual(reply.body, { contacts: ['Ensure this field has no more than 100 elements.'] });
  }
  const unknown = await post(api(sim, 'flow_starts'), {
    flow: '00000000-0000-4000-8000-000000000009',
    contacts: contacts.slice(0, 2),
  });
  assert.deepEqual(unknown.body, { flow: ['No such object: 00000000-0000-4000-8000-000000000009'] });
  assert.equal((await post(api(sim, 'flow_starts'), '{"flow": ')).status, 400);
  assert.equal((await post(api(sim, 'broadcasts'), '{text: hello}')).status, 400);
  assert.deepEqual((await post(api(sim, 'flow_starts'), { flow })).body, {
    non_field_errors: ['Must specify at least one group, contact or URN'],
  });
  assert.deepEqual((await post(api(sim, 'broadcasts'), { contacts: contacts.slice(0, 1) })).body, {
    non_field_errors: ['Must provide either text or attachments.'],
  });
  assert.equal(sim.store.broadcasts.length + sim.store.flowStarts.length, 0);
  assert.equal(sim.store.runs.size, runsBefore);
  // Exactly 100 is allowed.
  assert.equal((await post(api(sim, 'broadcasts'), { text: 'hello', contacts: contacts.slice(0, 100) })).status, 201);
});

test('a broadcast reaches active contacts once each, in their language when given', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const gulu = sim.store.groups.find((g) => g.name === 'Gulu')!;
  const members = sim.store.membersOf(gulu.uuid);
  const french = members.find((c) => c.language === 'fra' && c.status === 'active')!;
  const inactive = members.find((c) => c.status !== 'active');
  const reply = await post(api(sim, 'broadcasts'), {
    text: { eng: 'Poll tomorrow', fra: 'Sondage demain' },
    groups: [gulu.uuid],
    contacts: [french.uuid],
  });
  assert.equal(reply.status, 201);
  assert.deepEqual(reply.body.text, { eng: 'Poll tomorrow', fra: 'Sondage demain' });
  assert.equal(reply.body.status, 'queued');
  assert.deepEqual(reply.body.contacts, [{ uuid: french.uuid, name: french.name }]);
  const broadcast = sim.store.broadcasts[0]!;
  assert.equal(broadcast.reached.length, members.filter((c) => c.status === 'active').length);
  assert.deepEqual(sim.store.deliveriesTo(french.uuid), { flowStarts: 0, broadcasts: 1 });
  if (inactive) assert.deepEqual(sim.store.deliveriesTo(inactive.uuid), { flowStarts: 0, broadcasts: 0 });
  const sent = (await all(api(sim, 'messages', `broadcast=${broadcast.id}`))).items;
  assert.equal(sent.length, broadcast.reached.length);
  assert.equal(sent.find((m) => m.contact.uuid === french.uuid).text, 'Sondage demain');
  // A plain string is the primary language's text.
  const plain = await post(api(sim, 'broadcasts'), { text: 'Hello', urns: [french.urns[0]] });
  assert.deepEqual(plain.body.text, { eng: 'Hello' });
});
