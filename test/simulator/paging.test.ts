// Paging and windows as RapidPro serves them: newest first, `next` to the end, inclusive
// `after`/`before` on modified_on, and a keyset cursor that survives edits between page reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSimulator } from '../../src/simulator/start-simulator.ts';
import { all, api, get } from './http.ts';

test('paging follows next to the end, newest first, without duplicates', async (t) => {
  const sim = await startSimulator({ pageSize: 7 });
  t.after(() => sim.stop());
  const { items, pages } = await all(api(sim, 'contacts'));
  assert.equal(items.length, 240);
  assert.equal(pages, Math.ceil(240 / 7));
  assert.equal(new Set(items.map((c) => c.uuid)).size, 240);
  const times = items.map((c) => Date.parse(c.modified_on));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
  );
  assert.match(items[0].modified_on, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  // `next` is an absolute URL with an opaque cursor, and the last page has none.
  const first = await get(api(sim, 'contacts'));
  assert.match(first.body.next, new RegExp(`^${sim.url}/api/v2/contacts\\.json\\?cursor=[\\w-]+$`));
  assert.equal(first.body.previous, null);
});

test('every run of a flow comes back once across pages', async (t) => {
  const sim = await startSimulator({ pageSize: 50 });
  t.after(() => sim.stop());
  for (const flow of sim.store.flows) {
    const { items } = await all(api(sim, 'runs', `flow=${flow.uuid}`));
    const expected = sim.store.listRuns().filter((r) => r.flowUuid === flow.uuid);
    assert.equal(items.length, expected.length, flow.name);
    assert.deepEqual(new Set(items.map((r) => r.uuid)), new Set(expected.map((r) => r.uuid)));
    assert.ok(items.every((r) => r.flow.uuid === flow.uuid));
  }
});

test('an object edited between two page reads is neither lost nor repeated within the window', async (t) => {
  const sim = await startSimulator({ pageSize: 50 });
  t.after(() => sim.stop());
  const before = new Date().toISOString();
  const first = await get(api(sim, 'contacts', `before=${before}`));
  // Edit the oldest contact, which a later page would have served: it leaves this window.
  const oldest = sim.store.listContacts().sort((a, b) => a.modifiedOn.getTime() - b.modifiedOn.getTime())[0]!;
  sim.store.editContact(oldest.uuid, { name: 'Renamed' });
  // And one already served moves too: it must not come back on a later page.
  sim.store.editContact(first.body.results[10].uuid, { name: 'Also renamed' });
  const rest = await all(first.body.next);
  const seen = [...first.body.results, ...rest.items].map((c) => c.uuid);
  assert.equal(new Set(seen).size, seen.length);
  assert.equal(seen.length, 239);
  assert.ok(!seen.includes(oldest.uuid));
  // The next window (after = the old before) picks both edits up.
  const { items } = await all(api(sim, 'contacts', `after=${before}`));
  assert.deepEqual(
    items.map((c) => c.name),
    ['Also renamed', 'Renamed'],
  );
});

test('after and before are inclusive bounds, exact to the stamp', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const sorted = sim.store.listContacts().sort((a, b) => a.modifiedOn.getTime() - b.modifiedOn.getTime());
  const [a, b, c] = [sorted[100]!, sorted[101]!, sorted[102]!];
  const wire = async (contact: typeof a) =>
    (await get(api(sim, 'contacts', `uuid=${contact.uuid}`))).body.results[0].modified_on;
  // Bounds written exactly as the wire gives them (microseconds) select exactly those items.
  const window = await all(api(sim, 'contacts', `after=${await wire(a)}&before=${await wire(c)}`));
  assert.deepEqual(
    window.items.map((x) => x.uuid),
    [c.uuid, b.uuid, a.uuid],
  );
  const single = await all(api(sim, 'contacts', `after=${await wire(b)}&before=${await wire(b)}`));
  assert.deepEqual(
    single.items.map((x) => x.uuid),
    [b.uuid],
  );
  // One microsecond past a stamp excludes it; a bound without an offset is UTC.
  const justAfter = new Date(b.modifiedOn.getTime()).toISOString().replace('Z', '001Z');
  const open = await all(api(sim, 'contacts', `after=${justAfter}&before=${await wire(c)}`));
  assert.deepEqual(
    open.items.map((x) => x.uuid),
    [c.uuid],
  );
  const noOffset = (await wire(b)).replace('Z', '');
  assert.deepEqual(
    (await all(api(sim, 'contacts', `after=${noOffset}&before=${noOffset}`))).items.map((x) => x.uuid),
    [b.uuid],
  );
});

test('runs are windowed on modified_on too, and stamps never collide', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const stamps = sim.store.listRuns().map((r) => r.modifiedOn.getTime());
  assert.equal(new Set(stamps).size, stamps.length, 'every run has its own modified_on');
  const flow = sim.store.flows[0]!;
  const runs = sim.store.runsNewestFirst(flow.uuid);
  const middle = runs[Math.floor(runs.length / 2)]!;
  const { items } = await all(api(sim, 'runs', `flow=${flow.uuid}&after=${middle.modifiedOn.toISOString()}`));
  assert.equal(items.length, runs.filter((r) => r.modifiedOn >= middle.modifiedOn).length);
  assert.equal(items.at(-1).uuid, middle.uuid);
});

test('unreadable dates give an empty list and a forged cursor a 404, as in RapidPro', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const bad = await get(api(sim, 'contacts', 'after=yesterday'));
  assert.equal(bad.status, 200);
  assert.deepEqual(bad.body.results, []);
  assert.equal((await get(api(sim, 'contacts', 'cursor=bm9wZQ'))).status, 404);
});

test('reverse=true pages oldest first, with the same items', async (t) => {
  const sim = await startSimulator({ pageSize: 30 });
  t.after(() => sim.stop());
  const forward = await all(api(sim, 'contacts'));
  const backward = await all(api(sim, 'contacts', 'reverse=true'));
  assert.deepEqual(
    backward.items.map((c) => c.uuid),
    forward.items.map((c) => c.uuid).reverse(),
  );
});
