import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { createMetrics } from '../../src/http/create-metrics.ts';
import { startHttpServer, type HttpServer } from '../../src/http/start-http-server.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: HttpServer;
let databaseUp = true;
const metrics = { current: null as ReturnType<typeof createMetrics> | null };

before(async () => {
  database = await createTestDatabase();
  metrics.current = createMetrics(database.sql);
  server = await startHttpServer({
    port: 0,
    log: pino({ level: 'silent' }),
    health: {
      database: () => database.sql`select 1`,
      jobs: async () => {
        if (!databaseUp) throw new Error('scheduler down');
      },
    },
    metrics: { contentType: metrics.current.registry.contentType, render: () => metrics.current!.registry.metrics() },
  });
});
after(async () => {
  await server?.close();
  await database?.drop();
});

const get = (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`);

test('/healthz says which part is failing, with 503', async () => {
  const ok = await get('/healthz');
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { status: 'ok', database: 'ok', jobs: 'ok' });
  databaseUp = false;
  const failing = await get('/healthz');
  assert.equal(failing.status, 503);
  assert.deepEqual(await failing.json(), {
    status: 'failing',
    database: 'ok',
    jobs: 'failing',
    reasons: { jobs: 'scheduler down' },
  });
  databaseUp = true;
});

test('/metrics speaks Prometheus: commands, latency, outbox states and sync lag from the database', async () => {
  metrics.current!.command('participation', 'ok', 0.042);
  metrics.current!.command('participation', 'user_error', 0.01);
  metrics.current!.rapidproError('runs.json', 503);
  const text = await (await get('/metrics')).text();
  assert.match(text, /^tracbot_commands_total\{command="participation",outcome="ok"\} 1$/m);
  assert.match(text, /^tracbot_command_duration_seconds_bucket\{le="0\.05",command="participation"\} 2$/m);
  assert.match(text, /^tracbot_rapidpro_errors_total\{endpoint="runs\.json",status="503"\} 1$/m);
  assert.match(text, /^# TYPE tracbot_outbox_messages gauge$/m);
  assert.match(text, /^# TYPE tracbot_sync_lag_seconds gauge$/m);
  assert.match(text, /^tracbot_process_cpu_seconds_total/m);
});

test('mounted paths go to their adapter; anything else is 404', async () => {
  server.mount('/slack/events', (_req, res) => void res.writeHead(200).end('slack'));
  assert.equal(await (await get('/slack/events')).text(), 'slack');
  assert.equal((await get('/nothing')).status, 404);
});

test('a body over the limit gets 413, declared or streamed; one within it reaches the adapter read', async () => {
  server.mount('/telegram/hook', (req, res) => {
    const body = (req as typeof req & { body?: Buffer }).body;
    res.writeHead(200).end(`read ${body?.length}`);
  });
  const post = (body: string | ReadableStream, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${server.port}/telegram/hook`, { method: 'POST', body, ...init });
  const ok = await post('{"update_id":1}');
  assert.equal(await ok.text(), 'read 15');
  const declared = await post('x'.repeat(2 * 1024 * 1024));
  assert.equal(declared.status, 413);
  // Chunked, no length said: counted as it comes.
  const chunks = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(64 * 1024)));
      controller.close();
    },
  });
  const streamed = await post(chunks, { duplex: 'half' } as RequestInit);
  assert.equal(streamed.status, 413);
  assert.equal((await get('/livez')).status, 200);
});
