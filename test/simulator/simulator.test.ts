// The simulator must speak RapidPro's wire format faithfully: the sync is only as good as it.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { startSimulator } from '../../src/simulator/start-simulator.ts';

// Wire payloads are read loosely here: the point is what the simulator sends.
type Json = any;

async function get(url: string, token = 'demo-token'): Promise<{ status: number; headers: Headers; body: Json }> {
  const response = await fetch(url, { headers: { Authorization: `Token ${token}` } });
  return { status: response.status, headers: response.headers, body: response.status === 204 ? null : await response.json() };
}

async function all(url: string) {
  const items: Json[] = [];
  let next: string | null = url;
  let pages = 0;
  while (next) {
    const { body } = await get(next);
    items.push(...body.results);
    next = body.next;
    pages++;
  }
  return { items, pages };
}

test('a wrong or missing token is refused with 403', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  assert.equal((await get(`${sim.url}/api/v2/contacts.json`, 'wrong')).status, 403);
  assert.equal((await fetch(`${sim.url}/api/v2/workspace.json`)).status, 403);
  assert.equal((await get(`${sim.url}/api/v2/workspace.json`)).body.timezone, 'Africa/Kampala');
});

test('paging follows next to the end, newest first, without duplicates', async (t) => {
  const sim = await startSimulator({ pageSize: 7 });
  t.after(() => sim.stop());
  const { items, pages } = await all(`${sim.url}/api/v2/contacts.json`);
  assert.equal(items.length, 240);
  assert.equal(pages, Math.ceil(240 / 7));
  assert.equal(new Set(items.map((c) => c.uuid)).size, 240);
  const times = items.map((c) => Date.parse(c.modified_on));
  assert.deepEqual(times, [...times].sort((a, b) => b - a));
  assert.match(items[0].modified_on, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
});

test('an object edited between two page reads is neither lost nor repeated within the window', async (t) => {
  const sim = await startSimulator({ pageSize: 50 });
  t.after(() => sim.stop());
  const before = new Date().toISOString();
  const first = await get(`${sim.url}/api/v2/contacts.json?before=${before}`);
  // Edit a contact the next pages would have served: it moves out of this fixed window.
  const later = sim.store.listContacts().sort((a, b) => a.modifiedOn.getTime() - b.modifiedOn.getTime())[0]!;
  sim.store.editContact(later.uuid, { name: 'Renamed' });
  const rest = await all(first.body.next);
  const seen = [...first.body.results, ...rest.items].map((c) => c.uuid);
  assert.equal(new Set(seen).size, seen.length);
  assert.equal(seen.length, 239);
  // The next window (after = before) picks the edit up.
  const { items } = await all(`${sim.url}/api/v2/contacts.json?after=${before}`);
  assert.deepEqual(items.map((c) => c.name), ['Renamed']);
});

test('after and before are inclusive bounds on modified_on; deleted=true gives tombstones', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const [a, b] = sim.store.listContacts().slice(0, 2);
  const at = a!.modifiedOn.toISOString();
  const { items } = await all(`${sim.url}/api/v2/contacts.json?after=${at}&before=${at}`);
  assert.deepEqual(items.map((c) => c.uuid), [a!.uuid]);
  sim.store.deleteContact(b!.uuid);
  const deleted = await all(`${sim.url}/api/v2/contacts.json?deleted=true`);
  assert.deepEqual(deleted.items.map((c) => c.uuid), [b!.uuid]);
  assert.equal(deleted.items[0].name, null);
  assert.equal((await all(`${sim.url}/api/v2/contacts.json`)).items.length, 239);
});

test('a flow start makes contacts answer, run by run, until most complete', async (t) => {
  const sim = await startSimulator({ answerDelayMs: [5, 20] });
  t.after(() => sim.stop());
  const flow = sim.store.flows.find((f) => f.name === 'Attendance')!;
  const active = sim.store.listContacts().filter((c) => c.status === 'active').slice(0, 50).map((c) => c.uuid);
  const stopped = sim.store.listContacts().find((c) => c.status === 'stopped')!.uuid;
  const response = await fetch(`${sim.url}/api/v2/flow_starts.json`, {
    method: 'POST',
    headers: { Authorization: 'Token demo-token', 'content-type': 'application/json' },
    body: JSON.stringify({ flow: flow.uuid, contacts: [...active, stopped], restart_participants: true }),
  });
  assert.equal(response.status, 201);
  const start: Json = await response.json();
  const runsOf = () => sim.store.listRuns().filter((r) => r.startUuid === start.uuid);
  assert.equal(runsOf().length, 50, 'a run for every active contact at once, none for the stopped one');
  assert.ok(runsOf().every((r) => Object.keys(r.values).length === 0));
  await sleep(400);
  const runs = (await all(`${sim.url}/api/v2/runs.json?flow=${flow.uuid}&after=${start.created_on}`)).items.filter((r) => r.start?.uuid === start.uuid);
  const completed = runs.filter((r) => r.exit_type === 'completed');
  assert.ok(completed.length >= 30, `${completed.length} completed`);
  const run = completed[0];
  assert.deepEqual(Object.keys(run.values).sort(), ['boys', 'girls']);
  assert.ok(['Few', 'Normal', 'Many', 'Other'].includes(run.values.boys.category));
});

test('more than 100 contacts in one request is refused, as RapidPro does', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  const contacts = sim.store.listContacts().slice(0, 101).map((c) => c.uuid);
  const response = await fetch(`${sim.url}/api/v2/broadcasts.json`, {
    method: 'POST',
    headers: { Authorization: 'Token demo-token', 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'hello', contacts }),
  });
  assert.equal(response.status, 400);
  assert.match(JSON.stringify(await response.json()), /no more than 100/);
  assert.equal(sim.store.broadcasts.length, 0);
});

test('faults are injected at the configured share, with Retry-After, the same for a seed', async (t) => {
  const statuses = async (seed: number) => {
    const sim = await startSimulator({ seed, faults: { rate429: 0.3, rate500: 0.1, retryAfterSeconds: 2 } });
    t.after(() => sim.stop());
    const out: number[] = [];
    for (let i = 0; i < 200; i++) {
      const response = await get(`${sim.url}/api/v2/workspace.json`);
      if (response.status === 429) assert.equal(response.headers.get('retry-after'), '2');
      out.push(response.status);
    }
    return out;
  };
  const first = await statuses(5);
  const throttled = first.filter((s) => s === 429).length;
  const failed = first.filter((s) => s === 500).length;
  assert.ok(throttled > 40 && throttled < 80, `${throttled} throttled`);
  assert.ok(failed > 8 && failed < 35, `${failed} failed`);
  assert.deepEqual(await statuses(5), first);
});

test('the same seed gives the same workspace', async (t) => {
  const a = await startSimulator({ seed: 3 });
  const b = await startSimulator({ seed: 3 });
  t.after(() => Promise.all([a.stop(), b.stop()]));
  const names = (sim: typeof a) => sim.store.listContacts().map((c) => `${c.uuid} ${c.name} ${c.status}`);
  assert.deepEqual(names(a), names(b));
  assert.equal(a.store.listRuns().length, b.store.listRuns().length);
  const stopped = a.store.listContacts().filter((c) => c.status !== 'active').length;
  assert.ok(stopped > 5 && stopped < 40);
});
