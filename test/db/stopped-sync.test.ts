// A sync cut short because this process is stopping (its database connections are being closed)
// did not fail: it records no error on its checkpoint — which would turn /healthz red and be
// logged on every stop — and the job ends with the connection's own error, which the scheduler
// knows for a stop.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDb } from '../../src/db/client.ts';
import { isStopping } from '../../src/db/is-stopping.ts';
import { syncSnapshot } from '../../src/rapidpro/sync/sync-snapshot.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
  await database.sql`insert into orgs (name, api_url, api_token_encrypted, timezone) values ('Org', 'http://x', 'v1.x.y.z', 'UTC')`;
});
after(() => database.drop());

test('a sync whose connections close under it for a stop leaves its checkpoint as it was', async () => {
  const [org] = await database.sql<{ id: number }[]>`select id from orgs`;
  const pool = createDb(database.url, { max: 2 });
  const error = await syncSnapshot(
    { db: pool.db, now: () => new Date(), orgId: org!.id, entity: 'groups' },
    async () => {
      const sleeping = pool.sql`select pg_sleep(5)`.execute();
      await pool.close(0);
      await sleeping;
      return {};
    },
  ).catch((e: unknown) => e);
  assert.ok(isStopping(error), String(error));
  // The stop's own error, not a failed attempt to record it.
  assert.doesNotMatch(String(error), /sync_checkpoints/);
  const rows = await database.sql`select last_error from sync_checkpoints where org_id = ${org!.id}`;
  assert.deepEqual(
    rows.map((r) => r.last_error),
    [],
  );
});
