// A separate bot-like process for tests that kill or multiply processes. Modes:
//   backfill <orgId> <days>        fetch old runs, as the fetch-runs job does
//   schedule <orgId> <seconds>     run the real Agenda jobs with fast schedules, then drain
//   send <messageId> [on-go]       send an outbox row, as the send-outbox job does; `on-go`:
//                                  loaded and connected, it waits for a line on standard input
//   watch <orgId> <iso time> [ms]  one pass of the watch at that time, begun at epoch ms (so
//                                  processes start it together); logs each alert it posts
//   work <orgId> [messageId] [broken]
//                                  the real Agenda jobs with a 1-second lock that only renewal
//                                  keeps, queueing a send of messageId, until SIGTERM (then it
//                                  drains and exits 0); `broken`: RapidPro refuses this process's
//                                  token, so every sync job fails here
// Reads DATABASE_URL, RAPIDPRO_URL, RAPIDPRO_TOKEN; logs JSON lines on standard output.
//
// Each mode imports only what it runs, and a sender can be started ahead of its turn: the chaos
// tests start one a dozen times, and loading is most of a process's life there.
import { once } from 'node:events';
import { pino } from 'pino';
import { createI18n } from '../../src/core/i18n.ts';
import { createDb } from '../../src/db/client.ts';
import { createRapidProClient } from '../../src/rapidpro/create-client.ts';
import { createRecordingNotifier } from './recording-notifier.ts';

const [mode, orgIdText, amountText] = process.argv.slice(2);
const orgId = Number(orgIdText);
const { db, sql, close } = createDb(process.env.DATABASE_URL!);
const log = pino({ level: 'debug', base: { pid: process.pid } });
const rapidpro = createRapidProClient({
  url: process.env.RAPIDPRO_URL!,
  token: process.env.RAPIDPRO_TOKEN!,
  backoffLimitMs: 50,
});
const deps = {
  db,
  sql,
  log,
  now: () => new Date(),
  rapidproFor: async () => rapidpro,
  notifier: createRecordingNotifier(),
  i18n: await createI18n(),
  // A killed sender's last request lands within milliseconds at the simulator: no need to wait long.
  outbox: { settleMs: 300, heartbeatMs: 1_000 },
};

/** The real jobs and their scheduler, with what the jobs need beyond sending. */
async function loadJobs() {
  const [{ jobs }, { createScheduler }, { createLocalRenderer }] = await Promise.all([
    import('../../jobs/index.ts'),
    import('../../src/job-runner/create-scheduler.ts'),
    import('../../src/charts/render-locally.ts'),
  ]);
  return { jobs, createScheduler, charts: createLocalRenderer() };
}

if (mode === 'backfill') {
  const { backfillRuns } = await import('../../src/rapidpro/sync/backfill-runs.ts');
  await backfillRuns(deps, orgId, Number(amountText), async (progress) => log.info({ progress }, 'backfill progress'));
} else if (mode === 'watch') {
  const { watchOrg } = await import('../../src/watch/watch-org.ts');
  const at = new Date(amountText!);
  const startAt = Number(process.argv[5] ?? 0);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
  await watchOrg({ ...deps, now: () => at }, orgId);
  for (const { chat, versions } of deps.notifier.messages.values())
    log.info({ alert: { chatId: chat.chatId, heading: versions[0]!.blocks[0] } }, 'watch alert posted');
} else if (mode === 'send') {
  const { sendOutbound } = await import('../../src/outbox/send-outbound.ts');
  if (amountText === 'on-go') {
    await sql`select 1`;
    await once(process.stdin, 'data');
  }
  await sendOutbound(deps, Number(orgIdText));
} else if (mode === 'work') {
  const [, , messageText, broken] = process.argv.slice(2);
  const { jobs, createScheduler, charts } = await loadJobs();
  const own = broken
    ? {
        ...deps,
        charts,
        rapidproFor: async () =>
          createRapidProClient({ url: process.env.RAPIDPRO_URL!, token: 'revoked', backoffLimitMs: 50, retries: 0 }),
      }
    : { ...deps, charts };
  // A process whose RapidPro token is refused does not send (its batches would be refused).
  const mine = broken ? jobs.filter((job) => !['send-outbox', 'reconcile-outbox'].includes(job.name)) : jobs;
  const scheduler = await createScheduler({
    databaseUrl: process.env.DATABASE_URL!,
    sql,
    jobs: mine,
    deps: own,
    log,
    processEvery: '1 second',
    lockLifetimeMs: 1_000,
  });
  await scheduler.start();
  await scheduler.scheduleOrg(orgId, { syncEvery: { runs: '1 second', contacts: '1 second', groups: '2 seconds' } });
  if (messageText) await scheduler.now('send-outbox', { messageId: Number(messageText) });
  await once(process, 'SIGTERM');
  await scheduler.drain();
} else if (mode === 'schedule') {
  const { jobs, createScheduler, charts } = await loadJobs();
  const scheduler = await createScheduler({
    databaseUrl: process.env.DATABASE_URL!,
    sql,
    jobs,
    deps: { ...deps, charts },
    log,
    processEvery: '1 second',
    lockLifetimeMs: 2_000,
  });
  await scheduler.start();
  await scheduler.scheduleOrg(orgId, { syncEvery: { runs: '1 second', contacts: '1 second', inbox: '1 second' } });
  await new Promise((resolve) => setTimeout(resolve, Number(amountText) * 1000));
  await scheduler.drain();
}
await close();
process.exit(0);
