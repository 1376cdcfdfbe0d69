// bench/sync: how fast runs go from RapidPro's HTTP pages to committed rows and ready figures (the
// whole sync-runs job, figure rebuild included), how much memory the syncing process needs, and
// the ceiling: a plain COPY of the same rows into the same tables.
//   node --max-semi-space-size=4 --import tsx bench/sync.ts   (CONTACTS=100000 RUNS=1000000 by default)
// The sync runs in this process: start it with the node flags `npm start` gives the bot.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import postgres from 'postgres';
import { createSecretBox } from '../src/core/secrets.ts';
import { createDb, migrateDb } from '../src/db/client.ts';
import { assignContactGroups } from '../src/db/queries/assign-contact-groups.ts';
import { choosePolls, chooseRegions } from '../src/db/queries/choose-groups.ts';
import { orgs } from '../src/db/schema/index.ts';
import { startEmbeddedPostgres } from '../src/db/start-embedded-postgres.ts';
import { createRapidProClient } from '../src/rapidpro/create-client.ts';
import { syncContacts } from '../src/rapidpro/sync/sync-contacts.ts';
import { syncFlows } from '../src/rapidpro/sync/sync-flows.ts';
import { syncRunsJob } from '../jobs/sync-runs.ts';
import { buildStaleFigures } from '../src/db/queries/build-figures.ts';
import type { JobDeps } from '../jobs/job.ts';

const log = pino({ level: 'warn' });
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const server = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-big-workspace.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const loading = Date.now();
const serverLines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
const workspace = JSON.parse((await serverLines.next()).value as string);
console.log(`simulator ready in ${((Date.now() - loading) / 1000).toFixed(0)} s`);

const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: '.data/bench' });
const adminUrl = process.env.DATABASE_URL ?? embedded!.url;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const urlOf = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
for (const name of ['bench_sync', 'bench_copy']) {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
}

// 1. Sync through the real code path, sampling this process's memory.
const { db, sql, close } = createDb(urlOf('bench_sync'));
await migrateDb(db);
const [org] = await db
  .insert(orgs)
  .values({
    name: 'Bench',
    apiUrl: workspace.url,
    apiTokenEncrypted: createSecretBox('22'.repeat(32)).seal(workspace.token),
    timezone: 'Africa/Kampala',
  })
  .returning();
await chooseRegions(sql, org!.id, [{ uuid: workspace.region, name: 'Everywhere' }]);
await choosePolls(sql, org!.id, [{ uuid: workspace.flow, name: 'Attendance' }]);
const rapidpro = createRapidProClient({ url: workspace.url, token: workspace.token });
const deps = { db, sql, log, now: () => new Date(), rapidproFor: async () => rapidpro };
await syncFlows(deps, org!.id);
let contactsTime = Date.now();
await syncContacts(deps, org!.id);
await assignContactGroups(sql, org!.id);
contactsTime = Date.now() - contactsTime;

const ownCpu = process.cpuUsage();
const samples: number[] = [];
const sampler = setInterval(() => samples.push(process.memoryUsage().rss), 250);
const started = Date.now();
// The job as Agenda runs it: the runs window, then the figures of every poll run it changed.
const counts = (await syncRunsJob.run(deps as unknown as JobDeps, { orgId: org!.id })) ?? {};
const runsTime = Date.now() - started;
clearInterval(sampler);
const cpuMs = (usage: NodeJS.CpuUsage) => Math.round((usage.user + usage.system) / 1000);
const syncCpuMs = cpuMs(process.cpuUsage(ownCpu));
server.kill('SIGUSR2');
const simulatorCpuMs = JSON.parse((await serverLines.next()).value as string).cpuMs as number;
// What the figure rebuild costs within the job: the same rebuild, timed on its own.
await sql`update figures_built set version = -1 where poll_run_id in (select id from poll_runs where org_id = ${org!.id})`;
const rebuildStarted = Date.now();
await buildStaleFigures(sql, org!.id);
const rebuildTime = Date.now() - rebuildStarted;
const runsPerSecond = Math.round((counts.runs ?? 0) / (runsTime / 1000));
const quarter = (q: number) => mb(samples[Math.min(samples.length - 1, Math.floor((samples.length * q) / 4))] ?? 0);

// 2. The ceiling: the same rows, COPYed into the same tables of a fresh database.
// A folder the database server (an unprivileged user) can write.
const scratch = mkdtempSync(path.join(tmpdir(), 'bench-copy-'));
chmodSync(scratch, 0o777);
const copyDb = createDb(urlOf('bench_copy'));
await migrateDb(copyDb.db);
console.log(`runs synced in ${(runsTime / 1000).toFixed(1)} s; copying`);
for (const table of ['orgs', 'regions', 'polls', 'questions', 'contacts', 'poll_runs'])
  await copyInto(table, await copyOut(table));
// Read first, then time only the COPY into the tables: the ceiling of writing these rows.
const responsesFile = await copyOut('responses');
const answersFile = await copyOut('answers');
const copyStarted = Date.now();
await copyInto('responses', responsesFile);
await copyInto('answers', answersFile);
const copyTime = Date.now() - copyStarted;
const copyPerSecond = Math.round((counts.runs ?? 0) / (copyTime / 1000));

/**
 * Copies a table out to a file by the server itself, so the timed COPY in reads from disk and no
 * client is in the way: the purest ceiling. Needs a superuser on the same machine (the embedded
 * PostgreSQL is both).
 */
async function copyOut(table: string): Promise<string> {
  const file = path.join(scratch, `${table}.copy`);
  await sql.unsafe(`copy ${table} to '${file}'`);
  return file;
}

async function copyInto(table: string, file: string) {
  await copyDb.sql.unsafe(`copy ${table} from '${file}'`);
}

const report = [
  `node flags of the syncing process: ${process.execArgv.filter((flag) => flag !== 'tsx' && flag !== '--import').join(' ') || 'none'}`,
  `contacts: ${contactCount()} synced in ${(contactsTime / 1000).toFixed(1)} s`,
  `runs: ${counts.runs} runs (${counts.responses} responses, ${counts.answers} answers, figures of ${counts.figures} poll runs) in ${(runsTime / 1000).toFixed(1)} s = ${runsPerSecond} runs/s (the whole job)`,
  `  of which the figure rebuild: ${(rebuildTime / 1000).toFixed(1)} s; CPU meanwhile: this process ${(syncCpuMs / 1000).toFixed(1)} s, the simulator (RapidPro's stand-in, on the same cores) ${(simulatorCpuMs / 1000).toFixed(1)} s`,
  `COPY of the same responses and answers: ${(copyTime / 1000).toFixed(1)} s = ${copyPerSecond} runs/s (sync is ${((runsPerSecond / copyPerSecond) * 100).toFixed(0)} % of it)`,
  `RSS of the syncing process: peak ${mb(Math.max(...samples))} MB; at 25/50/75/100 % of the run sync: ${[1, 2, 3, 4].map(quarter).join(' / ')} MB`,
];
console.log(report.join('\n'));

function contactCount() {
  return process.env.CONTACTS ?? '100000';
}

rmSync(scratch, { recursive: true, force: true });
server.kill('SIGTERM');
await copyDb.close();
await close();
await admin.end();
await embedded?.stop();
process.exit(0);
