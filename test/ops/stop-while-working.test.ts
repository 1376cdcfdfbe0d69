// SIGTERM while a job is running — a sync whose RapidPro requests never answer, holding its lock
// and a reserved database connection — still ends the bot with exit 0, on the embedded database
// and on an external one; the job is left for the next process, which takes it up.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { startSimulator } from '../../src/simulator/start-simulator.ts';
import { startBot } from '../helpers/start-bot.ts';
import { scaled } from '../helpers/slowness.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const READY = /Ready\. Type help/;

/** A simulator that can be made to hold every request (answered only when released). */
async function startHangingSimulator(t: TestContext) {
  let hanging = false;
  const held: (() => void)[] = [];
  let heldCount = 0;
  const simulator = await startSimulator({
    seed: 11,
    answerDelayMs: [5, 30],
    beforeRequest: () => {
      if (!hanging) return;
      heldCount++;
      return new Promise<void>((resolve) => held.push(resolve));
    },
  });
  t.after(async () => {
    held.splice(0).forEach((resume) => resume());
    await simulator.stop();
  });
  return {
    simulator,
    hang: () => (hanging = true),
    release: () => ((hanging = false), held.splice(0).forEach((resume) => resume())),
    held: () => heldCount,
  };
}

async function stopWhileSyncing(t: TestContext, env: Record<string, string>) {
  const rapidpro = await startHangingSimulator(t);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracbot-stop-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const all = {
    ...env,
    DATA_DIR: dataDir,
    RAPIDPRO_URL: rapidpro.simulator.url,
    RAPIDPRO_TOKEN: rapidpro.simulator.token,
    SECRET_KEY: 'ab'.repeat(32),
  };
  // Once per database here; bench/ops-trials.ts (E) repeats it.
  const bot = startBot(all);
  t.after(() => void bot.child.kill('SIGKILL'));
  await bot.waitFor(READY, 120_000);
  // A sync starts and hangs on its first RapidPro request, holding its lock.
  rapidpro.hang();
  const before = rapidpro.held();
  await bot.type('sync now', /\S/);
  await waitUntil(
    () => {
      assert.equal(bot.child.exitCode, null, bot.stderr());
      return rapidpro.held() > before;
    },
    'the sync held at RapidPro',
    30_000,
  );
  bot.child.kill('SIGTERM');
  const { code } = await bot.exited;
  assert.doesNotMatch(bot.stderr(), /Shutdown took longer/);
  assert.equal(code, 0, bot.stderr());
  rapidpro.release();
  // The next process carries on: it starts, syncs and answers.
  const next = startBot(all);
  t.after(() => void next.child.kill('SIGKILL'));
  await next.waitFor(READY, 120_000);
  next.child.kill('SIGTERM');
  assert.equal((await next.exited).code, 0, next.stderr());
}

test('SIGTERM during a sync that RapidPro never answers: exit 0, embedded database', {
  timeout: scaled(300_000),
}, async (t) => {
  await stopWhileSyncing(t, {});
});

test('SIGTERM during a sync that RapidPro never answers: exit 0, external database', {
  timeout: scaled(300_000),
}, async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  await stopWhileSyncing(t, { DATABASE_URL: database.url });
});
