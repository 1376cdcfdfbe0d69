// "Synced in 1.0 s" must not be said when nothing was synced: here another process holds every
// entity's sync lock, so the sync skips them all and the mirror stays 90 minutes behind.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runBot } from '../helpers/run-bot.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { scaled } from '../helpers/slowness.ts';

test('a restart says how old the mirror is instead of "Synced in", with another process syncing', {
  timeout: scaled(120_000),
}, async (t) => {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracbot-sync-'));
  const held = await database.sql.reserve();
  t.after(async () => {
    held.release();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const env = { DATABASE_URL: database.url, DATA_DIR: dataDir };
  const first = await runBot('', env);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /Synced in [\d.]+ s/);

  const [org] = await database.sql<{ id: number }[]>`select id from orgs`;
  await database.sql`update sync_checkpoints set last_success_at = now() - interval '90 minutes'`;
  for (const entity of ['groups', 'fields', 'boundaries', 'contacts', 'flows', 'inbox']) {
    await held`select pg_advisory_lock(hashtext(${`sync:${org!.id}:${entity}`}))`;
  }
  const second = await runBot('', env);
  assert.equal(second.code, 0, second.stderr);
  assert.doesNotMatch(second.stderr, /Synced in/);
  // A mirror that has synced before answers at once, saying how old it is; the sync that follows
  // skips what the other process holds.
  assert.match(second.stderr, /Answering from the mirror of Demo Schools, up to 90 min behind RapidPro/);
});
