// The embedded PostgreSQL belongs to the bot that started it: a second process given its address
// refuses to start (it would lose its database whenever the first bot stops) and says what to do.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runBot } from '../helpers/run-bot.ts';
import { startBot } from '../helpers/start-bot.ts';

test('a process pointed at another bot’s embedded PostgreSQL refuses to start, and the first bot goes on', {
  timeout: 180_000,
}, async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracbot-owner-'));
  const otherDir = mkdtempSync(path.join(tmpdir(), 'tracbot-owner-2-'));
  const first = startBot({ DATA_DIR: dataDir });
  t.after(() => {
    first.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(otherDir, { recursive: true, force: true });
  });
  await first.waitFor(/Ready\. Type help/, 150_000);
  // What an operator could piece together from the first bot's data directory.
  const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const port = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')
    .split('\n')[3]!
    .trim();
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

  const second = await runBot('polls\n', { DATABASE_URL: url, DATA_DIR: otherDir });
  assert.equal(second.code, 1, second.stderr);
  assert.match(
    second.stderr,
    /TracBot could not start: DATABASE_URL points at the embedded PostgreSQL of another TracBot \(process \d+\), which stops whenever that bot stops\./,
  );
  assert.match(await first.type('polls', /Attendance/), /Attendance/);
  first.child.kill('SIGTERM');
  assert.equal((await first.exited).code, 0, first.stderr());
});
