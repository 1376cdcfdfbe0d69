// A start whose mirror has synced before answers at once, and syncs in the background; only a
// first start waits for its sync (there are no figures before it). Each step says itself.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runBot } from '../helpers/run-bot.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

test('a restart prompts from the mirror without waiting for a sync; a first start waits for it', {
  timeout: 240_000,
}, async (t) => {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracbot-'));
  t.after(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const env = { DATABASE_URL: database.url, DATA_DIR: dataDir };
  const first = await runBot('polls\n', env);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /^Database ready \([\d.]+ s\)$/m);
  assert.match(first.stderr, /^Jobs started \([\d.]+ s\)$/m);
  assert.match(first.stderr, /Synced in [\d.]+ s: 240 contacts/);

  const again = await runBot('polls\n', env);
  assert.equal(again.code, 0, again.stderr);
  assert.match(
    again.stderr,
    /Answering from the mirror of Demo Schools, up to \d+ min behind RapidPro; a sync runs in the background/,
  );
  assert.doesNotMatch(again.stderr, /Synced in/);
  // The figures are there at once.
  assert.match(again.stdout, /Attendance — \d{4}-\d{2}-\d{2}: \d+% complete/);
});
