// /healthz tells the truth and every endpoint answers within 2 s whatever is down: RapidPro
// failing or gone, a sync failing for longer than the threshold, the database frozen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { ensureOrg } from '../../src/bootstrap/ensure-org.ts';
import { createSecretBox } from '../../src/core/secrets.ts';
import { createDb } from '../../src/db/client.ts';
import { createHealthChecks } from '../../src/http/create-health-checks.ts';
import { createMetrics } from '../../src/http/create-metrics.ts';
import { startHttpServer, type HttpServer } from '../../src/http/start-http-server.ts';
import { demoSelection } from '../../src/simulator/seed-demo.ts';
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { scaled } from '../helpers/slowness.ts';

let database: TestDatabase;
let proxy: TcpProxy;
let simulator: Simulator;
let server: HttpServer;
let close: () => Promise<void>;
let orgId: number;

before(async () => {
  database = await createTestDatabase();
  const target = new URL(database.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  target.port = String(proxy.port);
  const { db, sql, close: end } = createDb(target.toString(), { max: 4 });
  close = end;
  simulator = await startSimulator({ seed: 3 });
  const secrets = createSecretBox('22'.repeat(32));
  const org = await ensureOrg({
    db,
    sql,
    secrets,
    url: simulator.url,
    token: simulator.token,
    demo: { selection: demoSelection, settings: {} },
  });
  orgId = org.id;
  // The job store is Agenda's table, not made in a test database: that check is left out here.
  const { jobs: _jobs, ...checks } = createHealthChecks({ sql, secrets, jobs: async () => {}, probeEveryMs: 0 });
  const metrics = createMetrics(sql);
  server = await startHttpServer({
    port: 0,
    log: pino({ level: 'silent' }),
    health: checks,
    metrics: { contentType: metrics.registry.contentType, render: () => metrics.registry.metrics() },
  });
});
after(async () => {
  await server?.close();
  // The pool ends before the proxy it reaches the database through: the other way round, a
  // connection it still held could try the closed proxy again once this file was over (a late
  // "connect ECONNREFUSED" from this file's `before` failed its worker twice in full runs).
  await close?.();
  await proxy?.close();
  await simulator?.stop();
  await database?.drop();
});

/** The answer and how long it took. */
async function get(path: string) {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { signal: AbortSignal.timeout(20_000) });
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

test('all well: 200 ok', async () => {
  const { status, body } = await get('/healthz');
  assert.equal(status, 200, body);
  assert.deepEqual(JSON.parse(body), { status: 'ok', database: 'ok', rapidpro: 'ok', sync: 'ok' });
});

test('RapidPro failing or unreachable: 503 naming the org and the reason', async () => {
  simulator.setFaults({ rate500: 1 });
  const failing = await get('/healthz');
  assert.equal(failing.status, 503);
  assert.match(JSON.parse(failing.body).reasons.rapidpro, /: RapidPro answers HTTP 500$/);
  simulator.setFaults({ latencyMs: 5_000 });
  const slow = await get('/healthz');
  assert.equal(slow.status, 503);
  assert.match(JSON.parse(slow.body).reasons.rapidpro, /RapidPro unreachable \(no answer in 1200 ms\)/);
  assert.ok(slow.ms < scaled(2_000), `answered in ${slow.ms} ms`);
  simulator.setFaults({});
  await assertHealthy();
});

test('a sync failing for longer than the threshold: 503 with its entity and error', async () => {
  await database.sql`
    insert into sync_checkpoints (org_id, entity, last_success_at, last_error, last_error_at)
    values (${orgId}, 'runs', now() - interval '25 minutes', 'RapidPro answered 502', now())`;
  const failing = await get('/healthz');
  assert.equal(failing.status, 503);
  assert.match(
    JSON.parse(failing.body).reasons.sync,
    / runs: failing, no success for 25 min \(RapidPro answered 502\)/,
  );
  // One failure after a recent success is not yet "failing".
  await database.sql`update sync_checkpoints set last_success_at = now() - interval '2 minutes' where org_id = ${orgId}`;
  await assertHealthy();
  await database.sql`update sync_checkpoints set last_success_at = now() where org_id = ${orgId}`;
  await assertHealthy();
});

test('the database frozen: /healthz and /metrics still answer within 2 s', async () => {
  proxy.freeze();
  try {
    const health = await get('/healthz');
    assert.equal(health.status, 503);
    assert.equal(JSON.parse(health.body).database, 'failing');
    assert.ok(health.ms < scaled(2_000), `/healthz answered in ${health.ms} ms`);
    const metrics = await get('/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.body, /^tracbot_process_cpu_seconds_total/m);
    assert.ok(metrics.ms < scaled(2_000), `/metrics answered in ${metrics.ms} ms`);
    assert.equal((await get('/livez')).status, 200);
  } finally {
    proxy.thaw();
  }
  // A check cut off while the database was frozen may still be settling on its connection: the
  // first answer after the thaw can fail; the next ones must not.
  await healthyWithin(10_000);
});

async function healthyWithin(ms: number) {
  const deadline = Date.now() + ms;
  let last = await get('/healthz');
  while (last.status !== 200 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await get('/healthz');
  }
  assert.equal(last.status, 200, last.body);
}

async function assertHealthy() {
  const { status, body } = await get('/healthz');
  assert.equal(status, 200, body);
}
