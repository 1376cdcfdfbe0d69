// bench/freshness: how long from a run completed in RapidPro (the simulator) until `participation`
// counts it, with the deployment's default schedules (runs synced every minute, Agenda looking
// for due jobs every 5 seconds, figures rebuilt after each sync). SCALE contacts are asked in one
// flow start; the simulator completes their runs at random moments over SPREAD seconds. Every
// 250 ms the bench notes which completed runs the mirror holds as complete.
//   SCALE=200 SPREAD=180 npx tsx bench/freshness.ts
import { jobs } from '../jobs/index.ts';
import { startEmbeddedPostgres } from '../src/db/start-embedded-postgres.ts';
import { createScheduler } from '../src/job-runner/create-scheduler.ts';
import { createRandom, randomUuid } from '../src/simulator/random.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const SCALE = Number(process.env.SCALE ?? 100);
const SPREAD = Number(process.env.SPREAD ?? 120);

const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: '.data/bench-freshness' });
process.env.TEST_DATABASE_URL = process.env.DATABASE_URL ?? embedded!.url;
const { createDemoOrg } = await import('../test/helpers/demo-org.ts');
const demo = await createDemoOrg({ answerDelayMs: [1_000, SPREAD * 1000] });

const random = createRandom(22);
const uuids: string[] = [];
for (let i = 0; i < SCALE; i++) {
  uuids.push(
    demo.simulator.store.addContact({
      uuid: randomUuid(random),
      name: `Reporter ${i}`,
      language: 'eng',
      urns: [`tel:+25674${String(i).padStart(7, '0')}`],
      groups: [],
      fields: {},
      status: 'active',
      lastSeenOn: null,
    }).uuid,
  );
}
const [poll] = await demo.sql<{ flowUuid: string }[]>`select uuid as "flowUuid" from polls where name = 'Attendance'`;
// The contacts reach the mirror first (as they would have long before a poll).
await demo.sync();

const scheduler = await createScheduler({
  databaseUrl: demo.url,
  sql: demo.sql,
  jobs,
  deps: demo.syncDeps,
  log: demo.syncDeps.log,
});
await scheduler.start();
await scheduler.scheduleOrg(demo.org.id, {});
const started = Date.now();
for (let i = 0; i < uuids.length; i += 100)
  await demo.rapidpro.startFlow({ flow: poll!.flowUuid, contacts: uuids.slice(i, i + 100) });

const mine = new Set(uuids);
const seenAt = new Map<string, number>();
while (Date.now() - started < (SPREAD + 150) * 1000) {
  const completed = demo.simulator.store
    .runsNewestFirst(poll!.flowUuid)
    .filter((r) => mine.has(r.contactUuid) && r.exitType === 'completed');
  const waiting = completed.filter((r) => !seenAt.has(r.uuid));
  if (waiting.length > 0) {
    const rows = await demo.sql<{ runUuid: string }[]>`
      select run_uuid as "runUuid" from responses where org_id = ${demo.org.id} and run_uuid = any(${waiting.map((r) => r.uuid)}) and status = 'complete'`;
    const now = Date.now();
    for (const row of rows) seenAt.set(row.runUuid, now);
  }
  if (Date.now() - started > SPREAD * 1000 && waiting.length === 0 && completed.length > 0) break;
  await sleep(250);
}
const completed = demo.simulator.store
  .runsNewestFirst(poll!.flowUuid)
  .filter((r) => mine.has(r.contactUuid) && r.exitType === 'completed');
const lags = completed
  .filter((r) => seenAt.has(r.uuid))
  .map((r) => (seenAt.get(r.uuid)! - r.exitedOn!.getTime()) / 1000)
  .sort((a, b) => a - b);
const at = (q: number) =>
  lags.length ? lags[Math.min(lags.length - 1, Math.floor(lags.length * q))]!.toFixed(1) : '–';
console.log(
  [
    '| measure | result |',
    '|---|---|',
    `| runs completed in RapidPro | ${completed.length} (of ${SCALE} asked), over ${SPREAD} s |`,
    `| seen as complete in the mirror | ${lags.length} |`,
    `| completed → counted by participation | p50 ${at(0.5)} s, p95 ${at(0.95)} s, max ${at(1)} s |`,
  ].join('\n'),
);
await scheduler.drain();
await demo.close();
await embedded?.stop();
process.exit(0);
