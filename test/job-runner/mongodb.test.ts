// With MONGODB_URL set, jobs live in MongoDB while the mirror stays in PostgreSQL. The first test
// runs wherever MONGODB_URL points at a MongoDB (CI with one sets it); skipped otherwise.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { jobs } from '../../jobs/index.ts';
import { createScheduler } from '../../src/job-runner/create-scheduler.ts';
import { createDemoOrg, silentLog } from '../helpers/demo-org.ts';
import { startBot } from '../helpers/start-bot.ts';
import { scaled } from '../helpers/slowness.ts';

const mongodbUrl = process.env.MONGODB_URL;

test('sync jobs run with Agenda on MongoDB', { skip: mongodbUrl ? false : 'MONGODB_URL is not set' }, async (t) => {
  const demo = await createDemoOrg();
  t.after(() => demo.close());
  await demo.sql`delete from poll_runs`;
  await demo.sql`delete from sync_checkpoints`;
  const scheduler = await createScheduler({
    databaseUrl: demo.url,
    mongodbUrl,
    sql: demo.sql,
    jobs,
    deps: demo.syncDeps,
    log: silentLog,
    processEvery: '1 second',
  });
  await scheduler.start();
  t.after(() => scheduler.drain());
  await scheduler.runAndWait('sync-org', { orgId: demo.org.id });
  const [row] = await demo.sql<{ n: number }[]>`select count(*)::int as n from responses`;
  assert.ok(row!.n > 0);
  const [pgJobs] = await demo.sql<
    { n: number }[]
  >`select count(*)::int as n from information_schema.tables where table_name = 'agenda_jobs'`;
  assert.equal(pgJobs!.n, 0, 'no job table in PostgreSQL');
});

test('an unreachable MongoDB stops the start in one line that names it', { timeout: scaled(60_000) }, async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracbot-mongo-'));
  chmodSync(dataDir, 0o755);
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  // Port 9 (discard) is closed here: the connection is refused at once, as with a server down.
  const bot = startBot({ DATA_DIR: path.join(dataDir, 'data'), MONGODB_URL: 'mongodb://127.0.0.1:9/tracbot' });
  const { code } = await bot.exited;
  assert.notEqual(code, 0);
  const said = bot
    .stderr()
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('{'));
  assert.match(
    said.join('\n'),
    /TracBot could not start: MongoDB \(MONGODB_URL, 127\.0\.0\.1:9\) cannot be reached: connect ECONNREFUSED 127\.0\.0\.1:9$/m,
  );
  // Before it only the start-up's progress lines ("Database ready (1.6 s)"): the failure is the last word.
  assert.match(said.at(-1)!, /^TracBot could not start: /, `one line, last, not a stack:\n${bot.stderr()}`);
  assert.doesNotMatch(bot.stderr(), /^\s+at /m);
});

test('the job store check reads the store in use, and fails when it cannot', async (t) => {
  const demo = await createDemoOrg();
  t.after(() => demo.close());
  const scheduler = await createScheduler({
    databaseUrl: demo.url,
    sql: demo.sql,
    jobs,
    deps: demo.syncDeps,
    log: silentLog,
  });
  try {
    await scheduler.check();
    await demo.sql`alter table agenda_jobs rename to agenda_jobs_gone`;
    await assert.rejects(scheduler.check());
    await demo.sql`alter table agenda_jobs_gone rename to agenda_jobs`;
  } finally {
    await scheduler.drain();
  }
});
