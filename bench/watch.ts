// bench/watch: one pass of the watch (jobs/watch-runs.ts) over a large mirror: CONTACTS contacts
// (1,000,000) in a five-level tree of 1,081 regions, 20 polls each with an open run and five past
// runs (every contact is asked in one poll: 6,000,000 responses). In a tenth of the parishes the
// open runs' contacts answer four times slower than in the past runs. Data is generated in
// PostgreSQL directly with known curves and the figures built once, as the sync does. The first
// pass counts the past runs' curves (kept for later passes) and sends the alerts; then PASSES
// passes are timed, with the process's memory after each.
//   CONTACTS=1000000 BRANCHING=5,5,6,6 node --max-semi-space-size=4 --expose-gc --import tsx bench/watch.ts
//   REUSE=1 node … bench/watch.ts     (the mirror the last run made, its alerts forgotten: the
//                                      later passes again, without 25 minutes of generating)
import { loadavg } from 'node:os';
import { pino } from 'pino';
import { createI18n } from '../src/core/i18n.ts';
import type { Notifier } from '../src/core/notifier.ts';
import { buildStaleFigures } from '../src/db/queries/build-figures.ts';
import { watchOrg } from '../src/watch/watch-org.ts';
import { createBenchDatabase, fillWorkspace } from './open-big-mirror.ts';

const POLLS = 20;
const PAST_RUNS = 5;
const PASSES = Number(process.env.PASSES ?? 20);
/** The open runs started at 08:00 in Kampala; the passes look at them an hour later. */
const OPENED = new Date('2031-03-10T05:00:00Z');
const NOW = new Date(OPENED.getTime() + 60 * 60_000);

const { db, sql, close, admin, embedded } = await createBenchDatabase('bench_watch', Boolean(process.env.REUSE));
let started = Date.now();
if (process.env.REUSE) await sql`delete from watch_alerts`;
else await generate();
// Nobody is in quiet hours at 09:00.
let posted = 0;
const notifier: Notifier = {
  post: async () => String(++posted),
  edit: async () => {},
};
const deps = { db, sql, log: pino({ level: 'warn' }), notifier, i18n: await createI18n(), now: () => NOW };

started = performance.now();
const first = await watchOrg(deps, 1);
const firstMs = performance.now() - started;
console.log(
  `first pass: ${firstMs.toFixed(0)} ms (counts the past runs' curves not counted yet), ${first.openRuns} open runs, ${first.behind} regions behind, ${first.alerts} alerts sent`,
);
const times: number[] = [];
const cpuTimes: number[] = [];
const rss: number[] = [];
const heap: number[] = [];
for (let i = 0; i < PASSES; i++) {
  const at = performance.now();
  const cpu = process.cpuUsage();
  const counts = await watchOrg(deps, 1);
  times.push(performance.now() - at);
  const used = process.cpuUsage(cpu);
  cpuTimes.push((used.user + used.system) / 1000);
  rss.push(process.memoryUsage().rss / 1e6);
  // With --expose-gc: what the pass left alive, after a full collection.
  (globalThis as { gc?: () => void }).gc?.();
  heap.push(process.memoryUsage().heapUsed / 1e6);
  if (counts.alerts !== 0) throw new Error('a later pass sent an alert again');
}
const sorted = [...times].sort((a, b) => a - b);
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(0);
console.log(`later passes (${PASSES}): p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
const cpuSorted = [...cpuTimes].sort((a, b) => a - b);
console.log(
  `the bot's CPU time per pass (the rest is PostgreSQL and waiting for the cores): p50 ${cpuSorted[Math.floor(PASSES / 2)]!.toFixed(0)} ms`,
);
console.log(
  `load average during the passes: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')}`,
);
console.log(
  `RSS after each pass: first ${rss[0]!.toFixed(0)} MB, last ${rss.at(-1)!.toFixed(0)} MB, max ${Math.max(...rss).toFixed(0)} MB`,
);
if (heap.length > 0)
  console.log(
    `live heap after each pass (after a full collection): first ${heap[0]!.toFixed(1)} MB, last ${heap.at(-1)!.toFixed(1)} MB, max ${Math.max(...heap).toFixed(1)} MB`,
  );
await close();
await admin.end();
await embedded?.stop();
process.exit(0);

async function generate() {
  started = Date.now();
  const { regionCount } = await fillWorkspace(sql);
  for (let poll = 1; poll <= POLLS; poll++) {
    await sql`insert into polls (id, org_id, uuid, flow_name, name) values (${poll}, 1, ${`f${poll}`}, ${`Poll ${poll}`}, ${`Poll ${poll}`})`;
    for (let run = PAST_RUNS; run >= 0; run--) {
      const start = new Date(OPENED.getTime() - run * 7 * 86_400_000);
      const [row] = await sql<{ id: number }[]>`
        insert into poll_runs (org_id, poll_id, kind, day) values (1, ${poll}, 'universal', ${start.toISOString().slice(0, 10)})
        returning id`;
      // Contact c completes 5 + 120·f minutes after the start (f spread evenly, the last fifth
      // never), four times later in every tenth parish in the open run; written as an hour in.
      await sql`
        insert into responses (org_id, poll_run_id, contact_id, run_uuid, status, created_on, updated_on)
        select 1, ${row!.id}, c.id, ${`r${row!.id}-`} || c.id,
               case when x.finishes and x.minutes <= ${run === 0 ? 60 : 100_000} then 'complete' else 'empty' end,
               ${start.toISOString()}::timestamptz,
               ${start.toISOString()}::timestamptz + make_interval(secs => 60 * x.minutes)
        from contacts c
        cross join lateral (select ((c.id / ${POLLS}) % 1000) / 1000.0 as f) as spread
        cross join lateral (
          select spread.f < 0.8 as finishes,
                 (5 + 120 * spread.f) * case when ${run === 0} and c.region_id % 10 = 0 then 4 else 1 end as minutes
        ) as x
        where c.id % ${POLLS} = ${poll - 1}`;
    }
  }
  await sql`analyze`;
  const [sizes] = await sql<{ contacts: number; responses: number }[]>`
    select (select count(*)::int from contacts) as contacts, (select count(*)::int from responses) as responses`;
  console.log(
    `data: ${sizes!.contacts} contacts, ${sizes!.responses} responses, ${regionCount} regions, ${POLLS} open runs with ${PAST_RUNS} past runs each (${((Date.now() - started) / 1000).toFixed(0)} s to generate)`,
  );
  started = Date.now();
  await buildStaleFigures(sql, 1);
  console.log(`figures built in ${((Date.now() - started) / 1000).toFixed(0)} s (as the sync does after writing runs)`);

  // An admin, a supervisor per province and per district: who gets told.
  await sql`insert into chat_identities (id, org_id, platform, external_id, role) values (1, 1, 'console', 'admin', 'admin')`;
  const inner = await sql<{ id: number }[]>`
    select id from regions where parent_id = 1 or parent_id in (select id from regions where parent_id = 1) order by id`;
  for (const { id } of inner) {
    await sql`insert into chat_identities (id, org_id, platform, external_id, role) values (${id + 1}, 1, 'console', ${`s${id}`}, 'supervisor')`;
    await sql`insert into identity_regions (identity_id, region_id) values (${id + 1}, ${id})`;
  }
}
