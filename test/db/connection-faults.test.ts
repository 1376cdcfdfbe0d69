// A connection to PostgreSQL cut while a statement is in flight — in a transaction, on a reserved
// connection holding a lock — is an error for that work and nothing more: no exception escapes
// to end the process, and the pool answers again afterwards on fresh connections.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { createDb, type Sql } from '../../src/db/client.ts';
import { withHeldLock } from '../../src/db/with-lock.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let database: TestDatabase;
let proxy: TcpProxy;
let pool: ReturnType<typeof createDb>;
const escaped: unknown[] = [];
const onUncaught = (error: unknown) => escaped.push(error);

before(async () => {
  database = await createTestDatabase();
  const url = new URL(database.url);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
  url.port = String(proxy.port);
  pool = createDb(url.toString(), { max: 4 });
  // What would end a real process is collected here and must stay empty.
  process.on('uncaughtException', onUncaught);
});
after(async () => {
  process.off('uncaughtException', onUncaught);
  await pool.close();
  await proxy.close();
  await database.drop();
});
afterEach(() => assert.deepEqual(escaped.map(String), [], 'an exception escaped to the process'));

/** Waits until a backend of the test database runs a statement matching `pattern`. */
async function untilRunning(pattern: string) {
  for (;;) {
    const [row] = await database.sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and state = 'active' and query like ${pattern}`;
    if (row!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every connection of the pool answers again: as many queries at once as it has connections. */
async function answersAgain(sql: Sql) {
  for (;;) {
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => sql<{ n: number }[]>`select ${n}::int as n`));
    if (results.every((r) => r.status === 'fulfilled')) {
      assert.deepEqual(
        results.map((r) => (r as PromiseFulfilledResult<{ n: number }[]>).value[0]!.n),
        [1, 2, 3, 4],
      );
      return;
    }
  }
}

test('a transaction whose connection is cut mid-statement fails, and the pool answers after', async () => {
  for (let round = 0; round < 3; round++) {
    const transaction = pool.sql.begin(async (tx) => {
      await tx`select 1`;
      await tx`select pg_sleep(30) /* cut me */`;
    });
    await untilRunning('%cut me%');
    proxy.cut();
    await assert.rejects(transaction);
    // The driver's own ROLLBACK after the failure, and the next queries, find no socket.
    await new Promise((resolve) => setImmediate(resolve));
    await answersAgain(pool.sql);
  }
});

test('a held lock whose connection is cut: the work is told to stop, and the lock can be taken again', async () => {
  let signalled: AbortSignal | undefined;
  const held = withHeldLock(
    pool.sql,
    'cut-lock',
    async (signal) => {
      signalled = signal;
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      return 'stopped';
    },
    200,
  );
  while (!signalled) await new Promise((resolve) => setTimeout(resolve, 10));
  proxy.cut();
  assert.equal(await held, 'stopped');
  await answersAgain(pool.sql);
  assert.equal(await withHeldLock(pool.sql, 'cut-lock', async () => 'again'), 'again');
});

test('a reserved connection cut, then released: the next queries are answered, none hangs', async () => {
  const reserved = await pool.sql.reserve();
  const sleeping = reserved`select pg_sleep(30) /* reserved cut */`.execute();
  await untilRunning('%reserved cut%');
  proxy.cut();
  await assert.rejects(sleeping);
  await assert.rejects(reserved`select 1`);
  reserved.release();
  await answersAgain(pool.sql);
});
