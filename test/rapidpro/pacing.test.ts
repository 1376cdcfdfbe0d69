// RapidPro's budget, counted as RapidPro counts it (a sliding window per workspace and scope):
// several processes together stay within it, a person's request goes whenever the scope has
// budget left, failures give their place back, and 429s are waited out only when they fit in the
// time a person has. Checked by what the simulator (throttling as RapidPro does) received and
// refused, and by the window's rows; never by how long anything took.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { entryArgs } from '../helpers/process-entry.ts';
import { collect } from '../../src/rapidpro/collect.ts';
import { createRapidProClient } from '../../src/rapidpro/create-client.ts';
import { createPacer, parseRate, ratesOf, scopeOf, type Lane, type Rate } from '../../src/rapidpro/create-pacer.ts';
import { RapidProBusyError, RapidProHttpError } from '../../src/rapidpro/errors.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/start-simulator.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database?.drop();
});

/** A simulator recording every request it was asked (throttled ones included). */
async function simulatorFor(t: { after(fn: () => Promise<void>): void }, options: SimulatorOptions = {}) {
  const received: URL[] = [];
  const simulator: Simulator = await startSimulator({
    seed: 3,
    ...options,
    beforeRequest: (url) => void received.push(url),
  });
  t.after(() => simulator.stop());
  return { simulator, received };
}

let workspaces = 0;
function lanes(rates: Record<string, Rate>) {
  const workspace = `org:test-${++workspaces}`;
  const pacer = (lane: Lane) => createPacer({ sql: database.sql, workspace, lane, rates });
  const used = async (scope: string) =>
    (
      await database.sql<{ n: number }[]>`
        select count(*)::int as n from rapidpro_requests where workspace = ${workspace} and scope = ${scope}`
    )[0]!.n;
  return { workspace, pacer, used };
}

test('RapidPro’s throttle scopes: contacts, messages and runs have their own, everything else is v2', () => {
  assert.equal(scopeOf('https://rp.example/api/v2/runs.json?flow=x'), 'v2.runs');
  assert.equal(scopeOf('https://rp.example/api/v2/contacts.json'), 'v2.contacts');
  assert.equal(scopeOf('https://rp.example/api/v2/messages.json'), 'v2.messages');
  assert.equal(scopeOf('https://rp.example/api/v2/broadcasts.json'), 'v2');
  assert.equal(scopeOf('https://rp.example/api/v2/flow_starts.json'), 'v2');
  assert.equal(scopeOf('https://rp.example/api/v2/groups.json'), 'v2');
});

test('rates are RapidPro’s defaults with a workspace’s own merged over them', () => {
  assert.deepEqual(parseRate('3600/hour'), { requests: 3600, seconds: 3600 });
  assert.deepEqual(parseRate('6/min'), { requests: 6, seconds: 60 });
  assert.equal(parseRate('often'), null);
  const rates = ratesOf({ 'v2.runs': '10000/hour' }, { v2: '2/minute' });
  assert.deepEqual(rates, {
    v2: { requests: 2, seconds: 60 },
    'v2.contacts': { requests: 3600, seconds: 3600 },
    'v2.messages': { requests: 3600, seconds: 3600 },
    'v2.runs': { requests: 10_000, seconds: 3600 },
  });
});

test('two processes together use the window RapidPro allows, and no more', async (t) => {
  // 11 a minute: background work may use 10 of them, the last is kept for people.
  const rates = { v2: '11/minute', 'v2.runs': '11/minute' };
  const { simulator, received } = await simulatorFor(t, { throttle: rates });
  const count = 5;
  const startAt = Date.now() + 1_500;
  const workers = [0, 1].map(() =>
    spawn(
      process.execPath,
      [...entryArgs('test/helpers/pace-worker.ts'), JSON.stringify(rates), String(count), String(startAt)],
      {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          RAPIDPRO_URL: simulator.url,
          RAPIDPRO_TOKEN: simulator.token,
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    ),
  );
  const codes = await Promise.all(workers.map((child) => new Promise((resolve) => child.on('exit', resolve))));
  assert.deepEqual(codes, [0, 0]);
  // Every request went once: none was refused by RapidPro and asked again.
  const runs = received.filter((url) => url.pathname.endsWith('/runs.json'));
  const groups = received.filter((url) => url.pathname.endsWith('/groups.json'));
  assert.equal(runs.length, 2 * count);
  assert.equal(groups.length, 2 * count);
  assert.equal(new Set(runs.map((url) => url.searchParams.get('uuid')!.split('-')[1])).size, 2, 'both processes');

  // The window is full for background work; a person still has the one kept for them.
  const pacer = (lane: Lane) => createPacer({ sql: database.sql, workspace: 'org:1', lane, rates: ratesOf(rates) });
  await assert.rejects(pacer('background').take('v2', { deadline: Date.now() }), RapidProBusyError);
  const person = createRapidProClient({
    url: simulator.url,
    token: simulator.token,
    pacer: pacer('interactive'),
    deadline: Date.now() + 60_000,
  });
  await collect(person.groups());
  await assert.rejects(pacer('interactive').take('v2', { deadline: Date.now() }), RapidProBusyError);
  // RapidPro agrees: the next request is one too many.
  const unpaced = createRapidProClient({ url: simulator.url, token: simulator.token, throttledRetries: 0 });
  await assert.rejects(
    collect(unpaced.groups()),
    (error) => error instanceof RapidProHttpError && error.status === 429,
  );
});

test('a command’s request does not queue behind a background burst', async (t) => {
  const { simulator, received } = await simulatorFor(t);
  // Five an hour: background work may use four; the fifth waits for the window to move on.
  const budget = lanes({ 'v2.runs': { requests: 5, seconds: 3600 } });
  const background = createRapidProClient({
    url: simulator.url,
    token: simulator.token,
    pacer: budget.pacer('background'),
  });
  await Promise.all(Array.from({ length: 4 }, (_, i) => background.runs({ uuid: `background-${i}` }).next()));
  const stop = new AbortController();
  let waiting = true;
  const queued = budget
    .pacer('background')
    .take('v2.runs', { signal: stop.signal })
    .finally(() => (waiting = false));
  const person = createRapidProClient({
    url: simulator.url,
    token: simulator.token,
    pacer: budget.pacer('interactive'),
    deadline: Date.now() + 60_000,
  });
  await person.runs({ uuid: 'command' }).next();
  assert.equal(received.at(-1)?.searchParams.get('uuid'), 'command');
  assert.ok(waiting, 'the background request is still waiting for its place');
  stop.abort();
  await assert.rejects(queued, { name: 'AbortError' });
  assert.equal(await budget.used('v2.runs'), 5, 'the abandoned request took no place');
});

test('failed requests give their place back, so a person is answered at once when RapidPro recovers', async (t) => {
  const { simulator } = await simulatorFor(t);
  // Three an hour: three failed commands would spend it all if failures counted.
  const budget = lanes({ v2: { requests: 3, seconds: 3600 } });
  const person = () =>
    createRapidProClient({
      url: simulator.url,
      token: simulator.token,
      pacer: budget.pacer('interactive'),
      retries: 1,
      backoffLimitMs: 10,
      deadline: Date.now() + 60_000,
    });
  simulator.setFaults({ rate500: 1 });
  for (let i = 0; i < 3; i++) await assert.rejects(collect(person().groups()), RapidProHttpError);
  // Nothing answers at all: the connection is refused.
  const nowhere = createRapidProClient({
    url: 'http://127.0.0.1:9',
    token: 'x',
    pacer: budget.pacer('interactive'),
    retries: 1,
    backoffLimitMs: 10,
  });
  await assert.rejects(nowhere.workspace());
  assert.equal(await budget.used('v2'), 0);
  simulator.setFaults({});
  // No time left at all, and still taken: the request does not wait.
  await budget.pacer('interactive').take('v2', { deadline: Date.now() });
  assert.equal((await collect(person().groups())).length > 0, true);
});

test('a person waits out each 429 whose Retry-After fits in their time, and no other', async (t) => {
  // Every second request is refused for a second; three groups a page.
  const { simulator, received } = await simulatorFor(t, {
    pageSize: 3,
    faults: { throttleEvery: 2, retryAfterSeconds: 1 },
  });
  const budget = lanes({ v2: { requests: 100, seconds: 3600 } });
  const person = (seconds: number) =>
    createRapidProClient({
      url: simulator.url,
      token: simulator.token,
      pacer: budget.pacer('interactive'),
      deadline: Date.now() + seconds * 1000,
    });
  const groups = await collect(person(60).groups());
  assert.equal(groups.length, simulator.store.groups.length);
  const pages = Math.ceil(groups.length / 3);
  assert.equal(received.length, 2 * pages - 1, 'every page after the first refused once, then served');
  assert.equal(await budget.used('v2'), pages, 'the refused requests took no place');

  // A pause longer than the person has: refused at once, in RapidPro's words, and held for all.
  simulator.setFaults({ throttleEvery: 1, retryAfterSeconds: 30 });
  received.length = 0;
  await assert.rejects(
    collect(person(10).groups()),
    (error) => error instanceof RapidProHttpError && error.status === 429 && error.retryAfterSeconds === 30,
  );
  assert.equal(received.length, 1);
  await assert.rejects(
    budget.pacer('background').take('v2', { deadline: Date.now() + 5_000 }),
    (error) => error instanceof RapidProBusyError && error.seconds > 20,
  );
});
