// contacts.json as RapidPro serves it: filters, tombstones for deleted contacts, and writes
// validated the way RapidPro validates them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSimulator } from '../../src/simulator/start-simulator.ts';
import { all, api, get, post, remove } from './http.ts';

test('deleted=true gives only tombstones, shaped as RapidPro gives them', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const [a, b] = sim.store.listContacts();
  assert.equal((await remove(api(sim, 'contacts', `uuid=${b!.uuid}`))).status, 204);
  assert.equal((await remove(api(sim, 'contacts', 'uuid=00000000-0000-4000-8000-000000000001'))).status, 404);
  const deleted = await all(api(sim, 'contacts', 'deleted=true'));
  assert.deepEqual(
    deleted.items.map((c) => c.uuid),
    [b!.uuid],
  );
  const tombstone = deleted.items[0];
  assert.deepEqual(Object.keys(tombstone).sort(), [
    'blocked',
    'created_on',
    'fields',
    'flow',
    'groups',
    'language',
    'last_seen_on',
    'modified_on',
    'name',
    'status',
    'stopped',
    'urns',
    'uuid',
  ]);
  assert.deepEqual(
    { ...tombstone, uuid: null, created_on: null, modified_on: null },
    {
      uuid: null,
      name: null,
      status: null,
      language: null,
      urns: [],
      groups: [],
      fields: {},
      flow: null,
      created_on: null,
      modified_on: null,
      last_seen_on: null,
      blocked: null,
      stopped: null,
    },
  );
  assert.ok(Date.parse(tombstone.modified_on) > a!.modifiedOn.getTime(), 'deleting stamps the contact');
  const live = await all(api(sim, 'contacts'));
  assert.equal(live.items.length, 239);
  assert.ok(!live.items.some((c) => c.uuid === b!.uuid));
});

test('a live contact carries status, every field, its groups and the deprecated booleans', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const stopped = sim.store.listContacts().find((c) => c.status === 'stopped')!;
  const [json] = (await get(api(sim, 'contacts', `uuid=${stopped.uuid}`))).body.results;
  assert.equal(json.status, 'stopped');
  assert.equal(json.stopped, true);
  assert.equal(json.blocked, false);
  assert.deepEqual(Object.keys(json.fields).sort(), ['district', 'facility', 'gender']);
  assert.deepEqual(json.groups.map((g: { uuid: string }) => g.uuid).sort(), [...stopped.groups].sort());
  assert.match(json.urns[0], /^tel:\+2567\d{8}$/);
});

test('contacts filter by uuid, urn and group (by uuid or exact name)', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const contact = sim.store.listContacts()[5]!;
  assert.deepEqual(
    (await all(api(sim, 'contacts', `urn=${encodeURIComponent(contact.urns[0]!)}`))).items.map((c) => c.uuid),
    [contact.uuid],
  );
  const gulu = sim.store.groups.find((g) => g.name === 'Gulu')!;
  const byName = await all(api(sim, 'contacts', 'group=Gulu'));
  const byUuid = await all(api(sim, 'contacts', `group=${gulu.uuid}`));
  assert.equal(byName.items.length, sim.store.membersOf(gulu.uuid).length);
  assert.deepEqual(byName.items, byUuid.items);
  assert.ok(byName.items.every((c) => c.groups.some((g: { name: string }) => g.name === 'Gulu')));
  assert.deepEqual((await all(api(sim, 'contacts', 'group=Atlantis'))).items, []);
});

test('a contact is created, updated by uuid (only when something changes) and by urn', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const created = await post(api(sim, 'contacts'), {
    name: 'Nadia Achieng',
    language: 'eng',
    urns: ['tel:+256799000001'],
    groups: ['Gulu', 'teachers'],
    fields: { gender: 'female' },
  });
  assert.equal(created.status, 201);
  assert.deepEqual(created.body.groups.map((g: { name: string }) => g.name).sort(), [
    'Female Contacts',
    'Gulu',
    'Teachers',
  ]);
  const uuid = created.body.uuid;

  const renamed = await post(api(sim, 'contacts', `uuid=${uuid}`), {
    name: 'Nadia A.',
    groups: ['Lira'],
    fields: { facility: 'Lira Central P/S' },
  });
  assert.equal(renamed.status, 200);
  assert.equal(renamed.body.name, 'Nadia A.');
  // Groups given replace the static ones; the smart group follows the fields.
  assert.deepEqual(renamed.body.groups.map((g: { name: string }) => g.name).sort(), ['Female Contacts', 'Lira']);
  assert.deepEqual(renamed.body.fields, { gender: 'female', facility: 'Lira Central P/S', district: null });
  assert.ok(renamed.body.modified_on > created.body.modified_on);

  const same = await post(api(sim, 'contacts', `uuid=${uuid}`), { name: 'Nadia A.' });
  assert.equal(
    same.body.modified_on,
    renamed.body.modified_on,
    'an update that changes nothing does not touch the contact',
  );

  const byUrn = await post(api(sim, 'contacts', `urn=${encodeURIComponent('tel:+256799000001')}`), { language: 'fra' });
  assert.equal(byUrn.status, 200);
  assert.equal(byUrn.body.uuid, uuid);
  assert.equal(byUrn.body.language, 'fra');
  const fresh = await post(api(sim, 'contacts', `urn=${encodeURIComponent('tel:+256799000002')}`), {
    name: 'New by URN',
  });
  assert.equal(fresh.status, 201);
  assert.deepEqual(fresh.body.urns, ['tel:+256799000002']);
});

test('contact writes are refused as RapidPro refuses them', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const contacts = sim.store.listContacts();
  const active = contacts.find((c) => c.status === 'active')!;
  const blocked = contacts.find((c) => c.status === 'blocked')!;
  const refusals: [string, unknown, RegExp][] = [
    [`uuid=${active.uuid}`, { groups: ['Female Contacts'] }, /must not be query based/],
    [`uuid=${active.uuid}`, { groups: ['Atlantis'] }, /No such object: Atlantis/],
    [`uuid=${active.uuid}`, { fields: { shoe_size: '42' } }, /Invalid contact field key: shoe_size/],
    [`uuid=${active.uuid}`, { language: 'english' }, /ISO639-3/],
    [`uuid=${blocked.uuid}`, { groups: ['Gulu'] }, /Non-active contacts can't be added to groups/],
    ['', { urns: [active.urns[0]] }, /URN is in use by another contact/],
    ['', { urns: ['0700123456'] }, /Invalid URN/],
    ['', [], /single JSON object/],
  ];
  for (const [query, body, message] of refusals) {
    const reply = await post(api(sim, 'contacts', query), body);
    assert.equal(reply.status, 400, `${query} ${JSON.stringify(body)}`);
    assert.match(JSON.stringify(reply.body), message);
  }
  assert.equal(
    (await post(api(sim, 'contacts', 'uuid=00000000-0000-4000-8000-000000000001'), { name: 'x' })).status,
    404,
  );
  sim.store.deleteContact(active.uuid);
  assert.match(
    JSON.stringify((await post(api(sim, 'contacts', `uuid=${active.uuid}`), { name: 'x' })).body),
    /Deleted contacts can't be modified/,
  );
  assert.equal(sim.store.listContacts().length, 239, 'nothing was created by the refused writes');
});
