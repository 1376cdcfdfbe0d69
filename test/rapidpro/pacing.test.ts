// RapidPro's budget per throttle scope: requests from several processes are spaced so that no
// stretch of time holds more of a scope's requests than its rate allows, and a person waiting on
// a command is not queued behind a background burst. Measured by what the simulator received.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { createRapidProClient } from '../../src/rapidpro/create-client.ts';
import { createPacer, laneTiming, scopeOf } from '../../src/rapidpro/create-pacer.ts';
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let database: TestDatabase;
let simulator: Simulator;
const received: { at: number; url: URL }[] = [];
before(async () => {
  database = await createTestDatabase();
  simulator = await startSimulator({ seed: 3, beforeRequest: (url) => void received.push({ at: Date.now(), url }) });
});
after(async () => {
  await simulator?.stop();
  await database?.drop();
});

/** The most requests found in any stretch of `spanMs` (arrival times sorted). */
function mostWithin(times: number[], spanMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= spanMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

test('RapidPro throttle scopes are read from the endpoint', () => {
  assert.equal(scopeOf('https://rp.example/api/v2/runs.json?flow=x'), 'v2.runs');
  assert.equal(scopeOf('https://rp.example/api/v2/contacts.json'), 'v2.contacts');
  assert.equal(scopeOf('https://rp.example/api/v2/broadcasts.json'), 'v2.broadcasts');
  assert.equal(scopeOf('https://rp.example/api/v2/messages.json'), 'v2.messages');
  assert.equal(scopeOf('https://rp.example/api/v2/groups.json'), 'v2');
  assert.equal(scopeOf('https://rp.example/api/v2/flow_starts.json'), 'v2');
});

test('a burst from two processes keeps within each scope’s rate', async () => {
  const perHour = 36_000;
  const { intervalMs } = laneTiming('background', perHour);
  const count = 8;
  received.length = 0;
  const startAt = Date.now() + 1_500;
  const workers = [0, 1].map(() =>
    spawn(
      process.execPath,
      ['--import', 'tsx', 'test/helpers/pace-worker.ts', String(perHour), String(count), String(startAt)],
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

  const byScope = new Map<string, typeof received>();
  for (const r of received)
    byScope.set(scopeOf(r.url.toString()), [...(byScope.get(scopeOf(r.url.toString())) ?? []), r]);
  assert.deepEqual([...byScope.keys()].sort(), ['v2', 'v2.runs']);
  for (const [scope, requests] of byScope) {
    assert.equal(requests.length, 2 * count, `${scope}: every request went`);
    // Two processes, one budget: half a second holds at most its share of slots (plus two for
    // timers that fire late and bring two arrivals closer); unpaced, all 16 land at once.
    const allowed = Math.ceil(500 / intervalMs) + 2;
    const most = mostWithin(
      requests.map((r) => r.at).sort((a, b) => a - b),
      500,
    );
    assert.ok(most <= allowed, `${scope}: ${most} requests within 500 ms, allowed ${allowed}`);
  }
  const runs = byScope.get('v2.runs')!.map((r) => r.url.searchParams.get('uuid')!.split('-')[1]);
  assert.equal(new Set(runs).size, 2, 'both processes were served');
});

test('a command’s requests do not queue behind a background burst', async () => {
  const perHour = 36_000;
  const pacerOf = (lane: 'background' | 'interactive') =>
    createPacer({ sql: database.sql, workspace: 'org:2', lane, requestsPerHour: perHour, broadcastsPerHour: perHour });
  const background = createRapidProClient({ url: simulator.url, token: simulator.token, pacer: pacerOf('background') });
  const interactive = createRapidProClient({
    url: simulator.url,
    token: simulator.token,
    pacer: pacerOf('interactive'),
  });
  received.length = 0;
  const burst = Array.from({ length: 20 }, (_, i) => background.runs({ uuid: `background-${i}` }).next());
  // The command comes once the burst holds its slots.
  while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  await Promise.all([interactive.runs({ uuid: 'command' }).next(), interactive.runs({ uuid: 'command' }).next()]);
  await Promise.all(burst);
  const order = received.map((r) => r.url.searchParams.get('uuid'));
  assert.equal(order.length, 22);
  const lastCommand = order.lastIndexOf('command');
  assert.ok(lastCommand <= 5, `the command's requests came at ${lastCommand} of 22: ${order.join(' ')}`);
});

test('broadcasts are paced by their own budget, RapidPro’s far larger one', async () => {
  const pacer = createPacer({
    sql: database.sql,
    workspace: 'org:3',
    lane: 'background',
    requestsPerHour: 3_600,
    broadcastsPerHour: 36_000,
  });
  const timed = async (scope: string, count: number) => {
    const started = performance.now();
    for (let i = 0; i < count; i++) await pacer.wait(scope);
    return performance.now() - started;
  };
  // 36,000 an hour, RapidPro's default: 90 % of it for background work is one request every 111 ms.
  const broadcasts = await timed('v2.broadcasts', 8);
  assert.ok(broadcasts >= 7 * 100 && broadcasts < 2_000, `8 broadcasts took ${broadcasts} ms`);
  // Any other scope: 3,600 an hour here, one every 1.11 s.
  const flowStarts = await timed('v2', 2);
  assert.ok(flowStarts >= 1_000, `2 flow starts took ${flowStarts} ms`);
});
