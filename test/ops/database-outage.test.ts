// The database goes away while the bot runs — an external server restarted, the embedded one
// killed — and comes back. The bot must not exit: meanwhile commands say "try again in a moment",
// afterwards they work again.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBot } from '../helpers/start-bot.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { scaled } from '../helpers/slowness.ts';

const READY = /Ready\. Type help/;
const TRY_AGAIN = /The database is not answering right now \(it may be restarting\)\. Please try again in a moment\./;

/** The bot on a database of its own reached through a proxy that can take it away; ready. */
async function startBehindProxy(t: TestContext) {
  const database = await createTestDatabase();
  const url = new URL(database.url);
  const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
  url.port = String(proxy.port);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracbot-outage-'));
  const bot = startBot({ DATABASE_URL: url.toString(), DATA_DIR: dataDir });
  t.after(async () => {
    bot.child.kill('SIGKILL');
    await proxy.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await bot.waitFor(READY, 90_000);
  return { bot, proxy };
}

test('an external database restarted twice: commands say "try again" while it is down, the bot carries on after', {
  timeout: scaled(120_000),
}, async (t) => {
  const { bot, proxy } = await startBehindProxy(t);
  assert.match(await bot.type('polls', /Attendance/), /Attendance/);

  // A restart of 0.3 s, then one of 8 s (longer than the job scheduler's 5 s polling interval,
  // so its own connections fail too).
  await proxy.down();
  await sleep(300);
  await proxy.up();
  await sleep(1_000);
  await proxy.down();
  assert.match(await bot.type('polls', TRY_AGAIN), TRY_AGAIN);
  await sleep(8_000);
  assert.equal(bot.child.exitCode, null, `the bot exited during the outage:\n${bot.stderr()}`);
  await proxy.up();
  assert.match(await bot.type('polls', /Attendance/), /Attendance/);
  await sleep(6_000); // a polling round of the job scheduler on fresh connections
  assert.equal(bot.child.exitCode, null, bot.stderr());

  bot.child.kill('SIGTERM');
  assert.equal((await bot.exited).code, 0, bot.stderr());
});

test('commands typed the moment the database goes away are answered within seconds, outage after outage', {
  timeout: scaled(150_000),
}, async (t) => {
  // Sync jobs every 5 s keep connections busy, so an outage lands on queries in flight and on
  // connections being made. Whatever state the pool is in, a person hears back within seconds.
  const { bot, proxy } = await startBehindProxy(t);
  for (let round = 1; round <= 3; round++) {
    assert.match(await bot.type('polls', /Attendance/, 20_000), /Attendance/, `round ${round}, before the outage`);
    await proxy.down();
    const asked = Date.now();
    await bot.type('polls', TRY_AGAIN, 15_000);
    assert.ok(Date.now() - asked < scaled(15_000), `round ${round}: answered after ${Date.now() - asked} ms`);
    await sleep(8_000);
    await proxy.up();
    assert.match(await bot.type('polls', /Attendance/, 20_000), /Attendance/, `round ${round}, after the outage`);
  }
  assert.equal(bot.child.exitCode, null, bot.stderr());
});

test('a database that holds its connections and never answers: the person hears so within the time limit', {
  timeout: scaled(150_000),
}, async (t) => {
  const { bot, proxy } = await startBehindProxy(t);
  proxy.freeze();
  const asked = Date.now();
  await bot.type('polls', /No answer within 20 seconds: the database or RapidPro is slow/, 30_000);
  // The command's own 20 s, and 5 s (on an idle machine) to say so.
  assert.ok(Date.now() - asked < 20_000 + scaled(5_000), `answered after ${Date.now() - asked} ms`);
  proxy.thaw();
  assert.match(await bot.type('polls', /Attendance/, 20_000), /Attendance/);
  assert.equal(bot.child.exitCode, null, bot.stderr());
});

test('the embedded PostgreSQL killed with -9 is started again and the bot carries on', {
  timeout: scaled(180_000),
}, async (t) => {
  const parent = mkdtempSync(path.join(tmpdir(), 'tracbot-outage-'));
  chmodSync(parent, 0o755);
  const dataDir = path.join(parent, 'data');
  const bot = startBot({ DATA_DIR: dataDir });
  t.after(() => {
    bot.child.kill('SIGKILL');
    rmSync(parent, { recursive: true, force: true });
  });
  await bot.waitFor(READY, 120_000);
  const postmaster = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(postmaster, 'SIGKILL');
  await bot.waitFor(/The embedded PostgreSQL stopped \(SIGKILL\); starting it again\./, 10_000);
  await bot.waitFor(/The embedded PostgreSQL is running again\./, 30_000);
  assert.match(await bot.type('polls', /Attendance/), /Attendance/);
  await sleep(6_000);
  assert.equal(bot.child.exitCode, null, bot.stderr());

  bot.child.kill('SIGTERM');
  assert.equal((await bot.exited).code, 0, bot.stderr());
});
