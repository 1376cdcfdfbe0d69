// Tokens never rest in plain text and never reach a log or a chat.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startSimulator } from '../../src/simulator/start-simulator.ts';
import { createDemoOrg } from '../helpers/demo-org.ts';
import { runBot } from '../helpers/run-bot.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { scaled } from '../helpers/slowness.ts';

test('a dump of every table holds no token in plain text', async (t) => {
  const demo = await createDemoOrg();
  t.after(() => demo.close());
  const reply = await demo.run('admin', `setup connect ${demo.simulator.url} ${demo.simulator.token}`);
  assert.equal(reply.isError, undefined, demo.text(reply));
  const tables = await demo.sql<
    { name: string }[]
  >`select tablename as name from pg_tables where schemaname = 'public'`;
  assert.ok(tables.length > 20);
  for (const { name } of tables) {
    const [found] = await demo.sql<{ n: number }[]>`
      select count(*)::int as n from ${demo.sql(name)} t where t::text like ${'%' + demo.simulator.token + '%'}`;
    assert.equal(found!.n, 0, `the token is in ${name}`);
  }
});

test('a debug log of the bot connecting, syncing and answering holds no secret', {
  timeout: scaled(120_000),
}, async (t) => {
  const database = await createTestDatabase();
  const simulator = await startSimulator({ seed: 3 });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracbot-'));
  t.after(async () => {
    await simulator.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const secretKey = 'ab'.repeat(32);
  const { code, stdout, stderr } = await runBot(
    `polls\nsetup connect ${simulator.url} ${simulator.token}\nsync status\n`,
    {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      RAPIDPRO_URL: simulator.url,
      RAPIDPRO_TOKEN: simulator.token,
      SECRET_KEY: secretKey,
      LOG_LEVEL: 'debug',
    },
  );
  assert.equal(code, 0, stderr);
  assert.match(stdout, /Connected to/);
  assert.ok(stderr.split('\n').filter((l) => l.startsWith('{')).length > 5, 'debug logs were written');
  const password = new URL(database.url).password;
  for (const [name, secret] of [
    ['RapidPro token', simulator.token],
    ['SECRET_KEY', secretKey],
    ['database password', password],
  ] as const) {
    assert.ok(!stderr.includes(secret), `${name} in the log`);
    assert.ok(!stdout.includes(secret), `${name} in the chat`);
  }
});
