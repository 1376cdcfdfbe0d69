// The demo workspace, read over HTTP as the bot reads it: groups, contacts, flows and their
// definitions, four rounds of history, inbox, boundaries; the same for a seed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoSelection } from '../../src/simulator/seed-demo.ts';
import { startSimulator } from '../../src/simulator/start-simulator.ts';
import { all, api, get, type Json } from './http.ts';

const DAY = 86_400_000;

test('contacts sit in one region and one reporter group each; few are stopped or blocked', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const groups = (await all(api(sim, 'groups'))).items;
  const names = groups.map((g) => g.name);
  for (const name of [...demoSelection.regions.map((r) => r.name), ...demoSelection.reporterGroups, 'Donors'])
    assert.ok(names.includes(name), name);
  assert.equal(groups.filter((g) => g.query !== null && !g.system).length, 1, 'one smart group');
  // RapidPro's own, in every workspace.
  assert.deepEqual(
    groups.filter((g) => g.system).map((g) => [g.name, g.query]),
    [['Open Tickets', 'tickets > 0']],
  );
  const contacts = (await all(api(sim, 'contacts'))).items;
  assert.equal(contacts.length, 240);
  const regions = new Set(demoSelection.regions.map((r) => r.name));
  const reporters = new Set(demoSelection.reporterGroups);
  for (const c of contacts) {
    const mine = c.groups.map((g: Json) => g.name);
    assert.equal(mine.filter((n: string) => regions.has(n)).length, 1, `${c.name} regions`);
    assert.equal(mine.filter((n: string) => reporters.has(n)).length, 1, `${c.name} reporter groups`);
    assert.match(c.urns[0], /^tel:\+2567\d{8}$/);
    assert.ok(['eng', 'fra', 'ara'].includes(c.language));
  }
  const count = (status: string) => contacts.filter((c) => c.status === status).length;
  assert.ok(count('stopped') >= 4 && count('stopped') <= 22, `${count('stopped')} stopped`);
  assert.ok(count('blocked') >= 2 && count('blocked') <= 16, `${count('blocked')} blocked`);
  assert.ok(
    contacts.some((c) => /[\u0600-\u06FF]/.test(c.name) && c.language === 'ara'),
    'Arabic names',
  );
  assert.ok(contacts.some((c) => c.language === 'fra'));
  // Leaves hold most contacts, inner regions some.
  const inRegion = (name: string) => groups.find((g) => g.name === name).count;
  assert.ok(inRegion('Kawempe') > inRegion('Kampala') && inRegion('Central') > 0);
});

test('flows list their results; definitions hold the routers the results come from', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const flows = (await all(api(sim, 'flows'))).items;
  assert.deepEqual(flows.map((f) => f.name).sort(), ['Attendance', 'Enrolment', 'Feedback', 'School Status']);
  const attendance = flows.find((f) => f.name === 'Attendance');
  assert.deepEqual(
    attendance.results.map((r: Json) => [r.key, r.name, r.categories]),
    [
      ['boys', 'Boys present', ['Few', 'Normal', 'Many', 'Other']],
      ['girls', 'Girls present', ['Few', 'Normal', 'Many', 'Other']],
    ],
  );
  assert.equal(attendance.type, 'message');
  assert.equal(attendance.archived, false);
  const { body } = await get(
    api(sim, 'definitions', `${flows.map((f) => `flow=${f.uuid}`).join('&')}&dependencies=none`),
  );
  assert.equal(body.flows.length, flows.length);
  for (const flow of flows) {
    const definition = body.flows.find((d: Json) => d.uuid === flow.uuid);
    const routers = definition.nodes.filter((n: Json) => n.router).map((n: Json) => ({ uuid: n.uuid, ...n.router }));
    assert.deepEqual(
      routers.map((r: Json) => r.uuid),
      flow.results.map((r: Json) => r.node_uuids[0]),
      flow.name,
    );
    assert.deepEqual(
      routers.map((r: Json) => r.result_name),
      flow.results.map((r: Json) => r.name),
    );
    for (const router of routers) {
      assert.equal(router.type, 'switch');
      const categoryUuids = router.categories.map((c: Json) => c.uuid);
      assert.ok(categoryUuids.includes(router.default_category_uuid));
      assert.ok(router.cases.every((c: Json) => categoryUuids.includes(c.category_uuid)));
    }
  }
  const [boys] = body.flows
    .find((d: Json) => d.name === 'Attendance')
    .nodes.filter((n: Json) => n.router)
    .map((n: Json) => n.router);
  const nameOf = (uuid: string) => boys.categories.find((c: Json) => c.uuid === uuid).name;
  assert.deepEqual(
    boys.cases.map((c: Json) => [c.type, c.arguments, nameOf(c.category_uuid)]),
    [
      ['has_number_lt', ['10'], 'Few'],
      ['has_number_between', ['10', '40'], 'Normal'],
      ['has_number_gt', ['40'], 'Many'],
    ],
  );
  assert.equal(nameOf(boys.default_category_uuid), 'Other');
  const [needs] = body.flows
    .find((d: Json) => d.name === 'Feedback')
    .nodes.filter((n: Json) => n.router)
    .map((n: Json) => n.router);
  assert.deepEqual([needs.cases, needs.categories.map((c: Json) => c.name)], [[], ['All Responses']]);
});

test('four past rounds at 09:00 Kampala, mostly complete, with answers on the rules’ bounds', async (t) => {
  const now = new Date('2026-03-10T12:00:00Z');
  const sim = await startSimulator({ now: () => now });
  t.after(() => sim.stop());
  const attendance = sim.store.flows.find((f) => f.name === 'Attendance')!;
  const runs = (await all(api(sim, 'runs', `flow=${attendance.uuid}`))).items;
  const days = new Set(runs.map((r) => r.created_on.slice(0, 10)));
  assert.deepEqual([...days].sort(), ['2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09']);
  assert.ok(
    runs.every((r) => r.created_on.slice(11, 13) === '06' && r.start === null),
    'started at 09:00 in Kampala (06:00 UTC)',
  );
  const active = sim.store.listContacts().filter((c) => c.status === 'active').length;
  assert.ok(runs.length > active * 4 * 0.8 && runs.length <= active * 4, `${runs.length} runs`);
  const share = (pick: (r: Json) => boolean) => runs.filter(pick).length / runs.length;
  assert.ok(Math.abs(share((r) => r.exit_type === 'completed') - 0.7) < 0.08);
  assert.ok(Math.abs(share((r) => !r.responded) - 0.15) < 0.06);
  assert.ok(
    runs.filter((r) => !r.responded).every((r) => r.exit_type === 'expired' && Object.keys(r.values).length === 0),
  );
  const partial = runs.filter((r) => r.responded && r.exit_type !== 'completed');
  assert.ok(partial.length > 0 && partial.every((r) => ['interrupted', 'expired'].includes(r.exit_type)));
  const values = runs.flatMap((r) => Object.values(r.values)) as Json[];
  assert.ok(values.some((v) => v.value === '10' && v.category === 'Normal'));
  assert.ok(values.some((v) => v.value === '40' && v.category === 'Normal'));
  assert.ok(values.some((v) => v.value.includes('.')));
  assert.ok(values.some((v) => v.category === 'Other' && !/\d/.test(v.input)));
  // Every category is what the flow's rules give for the value (between includes both ends).
  for (const v of values) {
    const n = Number(v.value);
    const expected = Number.isNaN(n) ? 'Other' : n < 10 ? 'Few' : n <= 40 ? 'Normal' : 'Many';
    assert.equal(v.category, expected, `${v.input} → ${v.value}`);
  }
  assert.ok(runs.every((r) => Date.parse(r.modified_on) <= now.getTime()));
});

test('the inbox holds a week of messages outside flows; boundaries give geometry when asked', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const inbox = (await all(api(sim, 'messages', 'folder=inbox'))).items;
  assert.ok(inbox.length >= 20);
  assert.ok(
    inbox.every((m) => m.direction === 'in' && m.flow === null && Date.now() - Date.parse(m.created_on) <= 7 * DAY),
  );
  const incoming = (await all(api(sim, 'messages', 'folder=incoming'))).items;
  assert.ok(
    incoming.some((m) => m.flow !== null),
    'answers within flows are incoming messages too',
  );
  assert.equal((await get(api(sim, 'messages', `folder=inbox&contact=${inbox[0].contact.uuid}`))).status, 400);
  const plain = (await all(api(sim, 'boundaries'))).items;
  assert.ok(plain.every((b) => b.geometry === null));
  const shaped = (await all(api(sim, 'boundaries', 'geometry=true'))).items;
  assert.ok(shaped.every((b) => b.geometry.type === 'MultiPolygon' && Array.isArray(b.geometry.coordinates)));
  const kampala = shaped.find((b) => b.name === 'Kampala');
  assert.deepEqual(kampala.parent, { osm_id: 'R2001', name: 'Central' });
  assert.equal(shaped.find((b) => b.name === 'Uganda').level, 0);
});

test('the same seed gives the same workspace over the wire; another seed another one', async (t) => {
  const now = new Date('2026-06-01T08:00:00Z');
  const sims = await Promise.all([3, 3, 4].map((seed) => startSimulator({ seed, now: () => now })));
  t.after(() => Promise.all(sims.map((s) => s.stop())));
  const snapshot = async (sim: (typeof sims)[number]) => ({
    contacts: (await all(api(sim, 'contacts'))).items,
    runs: (await all(api(sim, 'runs'))).items,
    flows: (await all(api(sim, 'flows'))).items,
  });
  const [a, b, c] = await Promise.all(sims.map(snapshot));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a!.contacts, c!.contacts);
  assert.ok(a!.runs.length > 2000);
});
