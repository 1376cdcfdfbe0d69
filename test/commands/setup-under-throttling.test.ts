// The README's setup, typed one command after another as a new admin would, against a RapidPro
// that pages 7 results a page and throttles as RapidPro does (its scopes and rates, 429 with
// Retry-After), and against one that refuses every fourth request for a second — while the
// background sync works through the workspace. Every command gives its real outcome: the names
// come from the mirror, and RapidPro is asked, at once and only by the person's own lane, for
// a name the mirror does not know yet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commands } from '../../commands/index.ts';
import { syncOrgJob } from '../../jobs/sync-org.ts';
import { syncPollsJob } from '../../jobs/sync-polls.ts';
import { ensureOrg } from '../../src/bootstrap/ensure-org.ts';
import { createLocalRenderer } from '../../src/charts/render-locally.ts';
import type { Services } from '../../src/core/command.ts';
import { createDispatch } from '../../src/core/dispatch.ts';
import { createI18n } from '../../src/core/i18n.ts';
import { createRateLimits } from '../../src/core/rate-limits.ts';
import { createSecretBox } from '../../src/core/secrets.ts';
import { chatIdentities } from '../../src/db/schema/index.ts';
import { createPacer, ratesOf } from '../../src/rapidpro/create-pacer.ts';
import { createRapidProFor } from '../../src/rapidpro/create-rapidpro-for.ts';
import { startSimulator, type SimulatorOptions } from '../../src/simulator/start-simulator.ts';
import { replyText, silentLog } from '../helpers/demo-org.ts';
import { createRecordingNotifier } from '../helpers/recording-notifier.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { scaled } from '../helpers/slowness.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const README = [
  'setup',
  'setup polls "Attendance" "School Status"',
  'setup regions Central Kampala Kawempe',
  'setup reporters "Head Teachers"',
  'setup parent Kampala Central',
  'setup parent Kawempe Kampala',
  'setup',
];

async function startBot(t: { after(fn: () => Promise<void>): void }, simulator: SimulatorOptions, apiRates = {}) {
  const database = await createTestDatabase();
  const { db, sql } = database;
  const rapidpro = await startSimulator({ seed: 11, pageSize: 7, answerDelayMs: [5, 30], ...simulator });
  const secrets = createSecretBox('33'.repeat(32));
  const org = await ensureOrg({ db, sql, secrets, url: rapidpro.url, token: rapidpro.token });
  await db.insert(chatIdentities).values({ orgId: org.id, platform: 'console', externalId: 'admin', role: 'admin' });
  const stop = new AbortController();
  t.after(async () => {
    stop.abort();
    await rapidpro.stop();
    await database.drop();
  });
  // `stop` ends the background's requests and waits; the person's lane is made apart from it.
  const backgroundLane = createRapidProFor({ db, sql, secrets, apiRates, signal: stop.signal })('background');
  const interactiveLane = createRapidProFor({ db, sql, secrets, apiRates })('interactive');
  const i18n = await createI18n();
  const deps = {
    db,
    sql,
    log: silentLog,
    now: () => new Date(),
    rapidproFor: backgroundLane,
    notifier: createRecordingNotifier(),
    i18n,
    charts: createLocalRenderer(),
  };
  // The background's work, as the scheduler runs it: started, never waited for by a command.
  const background: Promise<unknown>[] = [];
  const inBackground = (work: Promise<unknown>) => void background.push(work.catch(() => undefined));
  const services: Services = {
    db,
    sql,
    log: silentLog,
    now: deps.now,
    rapidproFor: interactiveLane,
    secrets,
    limits: createRateLimits(db, { commandsPerMinute: 1000, sendsPerHour: 1000 }),
    charts: deps.charts,
    jobs: {
      sendOutbox: async () => {},
      syncOrg: async () => inBackground(syncOrgJob.run(deps, { orgId: org.id })),
      syncPolls: async () => inBackground(syncPollsJob.run(deps, { orgId: org.id })),
      fetchRuns: async () => {},
      pushContactEdit: async () => {},
      scheduleDigest: async () => {},
      cancelDigest: async () => {},
      schedule: async () => {},
      cancelSchedule: async () => {},
    },
  };
  const dispatch = createDispatch({ commands, services, i18n });
  const type = async (line: string) =>
    replyText(await dispatch({ platform: 'console', userId: 'admin', chatId: 'console', text: line }));
  // Requests made for people (a request RapidPro did not count gives its place back).
  const interactive = async () =>
    (await sql<{ n: number }[]>`select count(*)::int as n from rapidpro_requests where lane = 'interactive'`)[0]!.n;
  // The first sync, as at start-up; setup may begin once it has read the workspace's flows.
  inBackground(syncOrgJob.run(deps, { orgId: org.id }));
  await waitUntil(
    async () => (await sql`select 1 from workspace_flows limit 1`).length > 0,
    'the first sync read the flows',
    60_000,
  );
  return { sql, org, rapidpro, type, interactive, stop, background };
}

/** The README's sequence: each answer is its real outcome, and none asked RapidPro anything. */
async function typeReadme(bot: Awaited<ReturnType<typeof startBot>>) {
  const answers: string[] = [];
  for (const line of README) answers.push(await bot.type(line));
  assert.match(answers[1]!, /^Saved\. Polls: Attendance, School Status\.$/m);
  assert.match(answers[2]!, /^Saved\. Regions: Central, Kampala, Kawempe\.$/m);
  assert.match(answers[3]!, /^Saved\. Reporter groups: Head Teachers\.$/m);
  assert.match(answers[4]!, /^Kampala is now under Central\.$/m);
  assert.match(answers[5]!, /^Kawempe is now under Kampala\.$/m);
  assert.match(answers[6]!, /^Regions: Central, Kampala \(Central\), Kawempe \(Kampala\)$/m);
  assert.match(answers[6]!, /^Flows: Attendance, Enrolment, Feedback, School Status$/m);
  assert.equal(await bot.interactive(), 0, 'no command waited on RapidPro');
  const [tree] = await bot.sql<{ arranged: number }[]>`
    select count(*)::int as arranged from regions c join regions p on p.id = c.parent_id
    where c.is_active and p.is_active`;
  assert.equal(tree!.arranged, 2);
}

test('the README’s setup under RapidPro’s throttling, 7 results a page, with the background at work', {
  timeout: scaled(300_000),
}, async (t) => {
  const rates = { v2: '60/minute', 'v2.contacts': '600/minute', 'v2.runs': '60/minute', 'v2.messages': '600/minute' };
  const bot = await startBot(t, { throttle: rates }, rates);
  await typeReadme(bot);

  // Background work has spent all of `v2` it may: a person still has the reserve, at once.
  const pacer = createPacer({
    sql: bot.sql,
    workspace: `org:${bot.org.id}`,
    lane: 'background',
    rates: ratesOf(rates),
  });
  for (;;) {
    try {
      await pacer.take('v2', { deadline: Date.now() });
    } catch {
      break;
    }
  }
  // A group made in RapidPro after the last sync: asked for once, in the person's lane.
  bot.rapidpro.store.groups.push({ uuid: 'a5c1d9e2-0000-4000-8000-00000000feed', name: 'Nurses', query: null });
  const added = await bot.type('setup reporters add Nurses');
  assert.match(added, /^Saved\. Reporter groups: Head Teachers, Nurses\.$/m);
  assert.ok((await bot.interactive()) > 0, 'RapidPro was asked for the new name');
  const settled = await Promise.race([Promise.all(bot.background).then(() => true), Promise.resolve(false)]);
  assert.equal(settled, false, 'the background sync was still at work all along');
});

test('the README’s setup against a RapidPro refusing every fourth request for a second', {
  timeout: scaled(300_000),
}, async (t) => {
  const bot = await startBot(t, { faults: { throttleEvery: 4, retryAfterSeconds: 1 } });
  await typeReadme(bot);
  // With the background stopped, the person's requests are the only ones: one in four refused.
  bot.stop.abort();
  await Promise.all(bot.background);
  bot.rapidpro.store.groups.push({ uuid: 'a5c1d9e2-0000-4000-8000-00000000feed', name: 'Nurses', query: null });
  assert.match(await bot.type('setup reporters add Nurses'), /^Saved\. Reporter groups: Head Teachers, Nurses\.$/m);
});
