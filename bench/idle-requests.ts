// bench/idle-requests: what an idle org costs in RapidPro requests per hour, for 1, 20 and 100
// polls. Each sync job runs once on an idle workspace (after the first full sync) against the
// simulator, which counts every request; a job's hourly cost is its requests times how often its
// default schedule runs it in an hour. Then five setup commands typed one after the other (the
// README's setup), through the real dispatch with their jobs run in-line: the requests they cost.
//   npx tsx bench/idle-requests.ts          (both)
//   npx tsx bench/idle-requests.ts setup    (the setup commands only)
import { pino } from 'pino';
import postgres from 'postgres';
import { jobs } from '../jobs/index.ts';
import type { JobDefinition, JobDeps } from '../jobs/job.ts';
import { syncOrgJob } from '../jobs/sync-org.ts';
import { ensureOrg } from '../src/bootstrap/ensure-org.ts';
import { createSecretBox } from '../src/core/secrets.ts';
import { createDb, migrateDb } from '../src/db/client.ts';
import { choosePolls } from '../src/db/queries/choose-groups.ts';
import { commands } from '../commands/index.ts';
import { syncPollsJob } from '../jobs/sync-polls.ts';
import type { Services } from '../src/core/command.ts';
import { createDispatch } from '../src/core/dispatch.ts';
import { createI18n } from '../src/core/i18n.ts';
import { createRateLimits } from '../src/core/rate-limits.ts';
import { chatIdentities } from '../src/db/schema/index.ts';
import { startEmbeddedPostgres } from '../src/db/start-embedded-postgres.ts';
import { createRapidProClient } from '../src/rapidpro/create-client.ts';
import { demoSelection } from '../src/simulator/seed-demo.ts';
import { startSimulator } from '../src/simulator/start-simulator.ts';

const log = pino({ level: 'warn' });
const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: '.data/bench' });
const adminUrl = process.env.DATABASE_URL ?? embedded!.url;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });

const seconds = (every: string) => {
  const [n, unit] = every.split(' ') as [string, string];
  return (
    Number(n) * ({ second: 1, minute: 60, hour: 3600, day: 86_400 } as Record<string, number>)[unit.replace(/s$/, '')]!
  );
};

async function measure(pollCount: number) {
  const name = `bench_idle_${pollCount}`;
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const { db, sql, close } = createDb(Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString());
  await migrateDb(db);
  const requests: string[] = [];
  const simulator = await startSimulator({
    seed: 7,
    answerDelayMs: [5, 10],
    beforeRequest: (url) => void requests.push(url.pathname),
  });
  // Polls beyond the demo's four: flows with no questions yet cost the same requests.
  const store = simulator.store;
  for (let i = store.flows.length; i < pollCount; i++) {
    const at = store.stamp();
    store.flows.push({
      uuid: crypto.randomUUID(),
      name: `Poll ${i + 1}`,
      createdOn: at,
      modifiedOn: at,
      questions: [],
      archived: false,
    });
  }
  const org = await ensureOrg({
    db,
    sql,
    secrets: createSecretBox('33'.repeat(32)),
    url: simulator.url,
    token: simulator.token,
    demo: { selection: demoSelection, settings: {} },
  });
  await choosePolls(
    sql,
    org.id,
    store.flows.slice(0, pollCount).map((f) => ({ uuid: f.uuid, name: f.name })),
  );
  const rapidpro = createRapidProClient({ url: simulator.url, token: simulator.token });
  const deps = { db, sql, log, now: () => new Date(), rapidproFor: async () => rapidpro } as unknown as JobDeps;
  await syncOrgJob.run(deps, { orgId: org.id });
  // Let the simulated contacts finish answering, and the first windows settle.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await syncOrgJob.run(deps, { orgId: org.id });

  requests.length = 0;
  await syncOrgJob.run(deps, { orgId: org.id });
  const setupSync = requests.length;
  const perJob: { job: string; every: string; requests: number; perHour: number }[] = [];
  for (const job of jobs as readonly JobDefinition[]) {
    if (!job.schedule) continue;
    requests.length = 0;
    await job.run(deps, { orgId: org.id });
    perJob.push({
      job: job.name,
      every: job.schedule.every,
      requests: requests.length,
      perHour: (requests.length * 3600) / seconds(job.schedule.every),
    });
  }
  await simulator.stop();
  await close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  return { pollCount, setupSync, perJob, perHour: perJob.reduce((sum, j) => sum + j.perHour, 0) };
}

/** The five setup commands, in a fresh demo org after its first sync. */
const SETUP = [
  'setup polls Attendance --confirm',
  'setup regions Central Kampala Northern Gulu --confirm',
  'setup reporters Teachers --confirm',
  'setup polls add Feedback',
  'setup parent Gulu Central',
];

async function measureSetup() {
  const name = 'bench_idle_setup';
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const { db, sql, close } = createDb(Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString());
  await migrateDb(db);
  const requests: string[] = [];
  const simulator = await startSimulator({
    seed: 7,
    answerDelayMs: [5, 10],
    beforeRequest: (url) => void requests.push(url.pathname),
  });
  const secrets = createSecretBox('33'.repeat(32));
  const org = await ensureOrg({
    db,
    sql,
    secrets,
    url: simulator.url,
    token: simulator.token,
    demo: { selection: demoSelection, settings: {} },
  });
  const rapidpro = createRapidProClient({ url: simulator.url, token: simulator.token });
  const i18n = await createI18n();
  const deps = { db, sql, log, now: () => new Date(), rapidproFor: async () => rapidpro, i18n } as unknown as JobDeps;
  await syncOrgJob.run(deps, { orgId: org.id });
  await db
    .insert(chatIdentities)
    .values({ orgId: org.id, platform: 'console', externalId: 'admin', displayName: 'admin', role: 'admin' });
  const inline = (job: JobDefinition) => async (orgId: number) => void (await job.run(deps, { orgId }));
  const services = {
    db,
    sql,
    log,
    now: () => new Date(),
    rapidproFor: async () => rapidpro,
    secrets,
    limits: createRateLimits(db, { commandsPerMinute: 1000 }),
    jobs: { syncOrg: inline(syncOrgJob), syncPolls: inline(syncPollsJob) },
  } as unknown as Services;
  const dispatch = createDispatch({ commands, services, i18n });
  requests.length = 0;
  const started = performance.now();
  const perCommand: { text: string; requests: string[] }[] = [];
  for (const text of SETUP) {
    const before = requests.length;
    const reply = await dispatch({ platform: 'console', userId: 'admin', chatId: 'bench', text });
    if (reply.isError) throw new Error(`${text}: failed`);
    perCommand.push({ text, requests: requests.slice(before) });
  }
  const ms = performance.now() - started;
  await simulator.stop();
  await close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  return { total: requests.length, ms, perCommand };
}

const onlySetup = process.argv[2] === 'setup';
const results: Awaited<ReturnType<typeof measure>>[] = [];
for (const count of onlySetup ? [] : [1, 20, 100]) results.push(await measure(count));
if (!onlySetup) printIdle();
function printIdle() {
  console.log('| polls | idle requests per hour | of which runs | one full sync (a setup change) |');
  console.log('|---|---|---|---|');
  for (const r of results) {
    const runs = r.perJob.find((j) => j.job === 'sync-runs')!.perHour;
    console.log(`| ${r.pollCount} | ${Math.round(r.perHour)} | ${Math.round(runs)} | ${r.setupSync} |`);
  }
  console.log('\nper job (100 polls):');
  for (const j of results.at(-1)!.perJob)
    console.log(`  ${j.job} every ${j.every}: ${j.requests} request(s) a run = ${j.perHour.toFixed(1)}/h`);
}
const setup = await measureSetup();
console.log(`\nfive setup commands: ${setup.total} requests in ${(setup.ms / 1000).toFixed(1)} s (unpaced)`);
for (const c of setup.perCommand) {
  const tally = new Map<string, number>();
  for (const path of c.requests)
    tally.set(path.replace('/api/v2/', ''), (tally.get(path.replace('/api/v2/', '')) ?? 0) + 1);
  console.log(`  ${c.text}: ${c.requests.length} (${[...tally].map(([e, n]) => `${e} ${n}`).join(', ')})`);
}
await admin.end();
await embedded?.stop();
process.exit(0);
