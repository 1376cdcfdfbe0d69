// With MONGODB_URL set, jobs live in MongoDB while the mirror stays in PostgreSQL. Runs only
// where a MongoDB is available; reported as skipped otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jobs } from '../../jobs/index.ts';
import { createScheduler } from '../../src/job-runner/create-scheduler.ts';
import { createDemoOrg, silentLog } from '../helpers/demo-org.ts';

const mongodbUrl = process.env.MONGODB_URL;

test('sync jobs run with Agenda on MongoDB', { skip: mongodbUrl ? false : 'MONGODB_URL is not set' }, async (t) => {
  const demo = await createDemoOrg();
  t.after(() => demo.close());
  await demo.sql`delete from poll_runs`;
  await demo.sql`delete from sync_checkpoints`;
  const scheduler = await createScheduler({ databaseUrl: demo.url, mongodbUrl, sql: demo.sql, jobs, deps: demo.syncDeps, log: silentLog, processEvery: '1 second' });
  await scheduler.start();
  t.after(() => scheduler.drain());
  await scheduler.runAndWait('sync-org', { orgId: demo.org.id });
  const [row] = await demo.sql<{ n: number }[]>`select count(*)::int as n from responses`;
  assert.ok(row!.n > 0);
  const [pgJobs] = await demo.sql<{ n: number }[]>`select count(*)::int as n from information_schema.tables where table_name = 'agenda_jobs'`;
  assert.equal(pgJobs!.n, 0, 'no job table in PostgreSQL');
});
