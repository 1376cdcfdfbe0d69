// Stop and start as an operator meets them: SIGTERM from systemd/Docker/Kubernetes, a bot killed
// with -9 leaving its embedded PostgreSQL behind, a second start on the same data directory, and
// a start-up failure that must say why.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { isRunning } from '../../src/db/lock-data-dir.ts';
import { findFreePort } from '../../src/db/start-embedded-postgres.ts';
import { runBot } from '../helpers/run-bot.ts';
import { startBot } from '../helpers/start-bot.ts';
import { scaled } from '../helpers/slowness.ts';

const READY = /Ready\. Type help/;
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

function dataDir(t: { after(fn: () => void): void }) {
  const parent = mkdtempSync(path.join(tmpdir(), 'tracbot-ops-'));
  // As root, PostgreSQL runs as the postgres user, which must be able to enter the folder.
  chmodSync(parent, 0o755);
  t.after(() => rmSync(parent, { recursive: true, force: true }));
  return path.join(parent, 'data');
}

const postmasterPid = (dir: string) => {
  const file = path.join(dir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
};

test('kill -9 leaves PostgreSQL running; the next start stops it and runs; SIGTERM then drains and exits 0 in under 10 s', {
  timeout: scaled(180_000),
}, async (t) => {
  const dir = dataDir(t);
  const first = startBot({ DATA_DIR: dir });
  await first.waitFor(READY, 120_000);
  const leftover = postmasterPid(dir);
  assert.ok(leftover && isRunning(leftover), 'the embedded PostgreSQL runs');
  first.child.kill('SIGKILL');
  await first.exited;
  assert.ok(isRunning(leftover), 'kill -9 leaves PostgreSQL behind');

  const second = startBot({ DATA_DIR: dir });
  t.after(() => void second.child.kill('SIGKILL'));
  await second.waitFor(READY, 120_000);
  assert.equal(isRunning(leftover), false, 'the leftover PostgreSQL was stopped');
  assert.match(await second.type('polls', /Attendance/), /Attendance/);

  const sent = Date.now();
  second.child.kill('SIGTERM');
  const { code, at } = await second.exited;
  assert.equal(code, 0, second.stderr());
  assert.ok(at - sent < scaled(10_000), `exited ${at - sent} ms after SIGTERM`);
  assert.doesNotMatch(second.stderr(), STACK);
  assert.equal(postmasterPid(dir), null, 'PostgreSQL stopped with the bot');
  assert.equal(existsSync(path.join(dir, 'tracbot.pid')), false, 'the data directory is released');
});

test('a second start on a data directory in use says so in words and leaves the first alone', {
  timeout: scaled(180_000),
}, async (t) => {
  const dir = dataDir(t);
  const first = startBot({ DATA_DIR: dir });
  t.after(() => void first.child.kill('SIGKILL'));
  await first.waitFor(READY, 120_000);
  const second = await runBot('polls\n', { DATA_DIR: dir });
  assert.equal(second.code, 1);
  assert.match(
    second.stderr,
    new RegExp(
      `TracBot could not start: another TracBot is using ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(process ${first.child.pid}\\)`,
    ),
  );
  assert.doesNotMatch(second.stderr, STACK);
  assert.match(await first.type('polls', /Attendance/), /Attendance/);
  first.child.kill('SIGINT');
  assert.equal((await first.exited).code, 0, first.stderr());
});

test('a start-up failure names its cause', { timeout: scaled(60_000) }, async (t) => {
  const dir = dataDir(t);
  const port = await findFreePort();
  const { code, stderr } = await runBot('', {
    DATA_DIR: dir,
    DATABASE_URL: `postgres://tracbot:secret@127.0.0.1:${port}/tracbot`,
  });
  assert.equal(code, 1);
  assert.match(
    stderr,
    new RegExp(`TracBot could not start: nothing answers at 127\\.0\\.0\\.1:${port} \\(connection refused\\)`),
  );
  assert.doesNotMatch(stderr, /undefined/);
});
