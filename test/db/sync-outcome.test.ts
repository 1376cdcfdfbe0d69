// Whose sync holds an entity's lock: a lone bot whose scheduled sync started with it must not be
// told that "another TracBot process" is syncing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import postgres from 'postgres';
import { readSyncOutcome } from '../../src/db/queries/read-sync-outcome.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

test('an entity whose sync lock this process holds is behind "here"; one another process holds is not', async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  const [org] = await database.sql<{ id: number }[]>`
    insert into orgs (name, api_url, api_token_encrypted, timezone) values ('Org', 'http://x', 'v1.x.y.z', 'UTC') returning id`;
  await database.sql`
    insert into sync_checkpoints (org_id, entity, last_success_at)
    values (${org!.id}, 'contacts', now() - interval '1 hour'), (${org!.id}, 'fields', now() - interval '1 hour')`;
  const mine = await database.sql.reserve();
  const other = postgres(database.url, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: 'tracbot elsewhere:1' },
  });
  t.after(async () => {
    mine.release();
    await other.end();
  });
  await mine`select pg_advisory_lock(hashtext(${`sync:${org!.id}:contacts`}))`;
  await other`select pg_advisory_lock(hashtext(${`sync:${org!.id}:fields`}))`;
  const { behind } = await readSyncOutcome(database.sql, org!.id, new Date());
  assert.deepEqual(
    behind.map(({ entity, here }) => ({ entity, here })),
    [
      { entity: 'contacts', here: true },
      { entity: 'fields', here: false },
    ],
  );
});
