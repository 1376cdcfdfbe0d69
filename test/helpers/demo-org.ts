// A complete org for command and sync tests: a fresh database, the simulator's demo workspace
// over HTTP, the first sync done, an admin and a supervisor of Kampala linked, and a dispatch
// wired like main.ts (jobs run in-line instead of through Agenda).
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { commands } from '../../commands/index.ts';
import { fetchRunsJob } from '../../jobs/fetch-runs.ts';
import { pushContactEditJob } from '../../jobs/push-contact-edit.ts';
import { syncOrgJob } from '../../jobs/sync-org.ts';
import { syncPollsJob } from '../../jobs/sync-polls.ts';
import { ensureOrg } from '../../src/bootstrap/ensure-org.ts';
import type { Services } from '../../src/core/command.ts';
import { createDispatch } from '../../src/core/dispatch.ts';
import { createDialogs } from '../../src/core/create-dialogs.ts';
import { dialogs as registry } from '../../src/dialogs/index.ts';
import { createI18n } from '../../src/core/i18n.ts';
import type { Invocation } from '../../src/core/invocation.ts';
import { createRateLimits } from '../../src/core/rate-limits.ts';
import { createSecretBox } from '../../src/core/secrets.ts';
import { chatIdentities, identityRegions, orgs, regions } from '../../src/db/schema/index.ts';
import { sendOutbound } from '../../src/outbox/send-outbound.ts';
import { createRapidProClient } from '../../src/rapidpro/create-client.ts';
import { demoSelection } from '../../src/simulator/seed-demo.ts';
import { startSimulator, type SimulatorOptions } from '../../src/simulator/start-simulator.ts';
import { createRecordingNotifier } from './recording-notifier.ts';
import { createTestDatabase } from './test-database.ts';
import { createLocalRenderer } from '../../src/charts/render-locally.ts';

// TEST_LOG_LEVEL=debug shows what the code under test logs.
export const silentLog = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * `from`: a copy of a template kept from an earlier demo org (its org synced and its people
 * linked), instead of a new database synced afresh; the simulator is seeded the same way.
 * A plain demo org is a copy of the one test/run.ts synced at its start (keepDemoTemplate), its
 * simulator seeded at the same moment. Simulator options, or `fresh` for a test that reads what
 * the first sync leaves, sync a new one instead.
 */
export async function createDemoOrg(
  { fresh = false, ...simulatorOptions }: SimulatorOptions & { fresh?: boolean } = {},
  from?: string,
) {
  const plain =
    !fresh && from === undefined && Object.keys(simulatorOptions).length === 0 && process.env.TEST_DEMO_TEMPLATE;
  const template = plain ? process.env.TEST_DEMO_TEMPLATE : from;
  const options = plain ? { seededAt: new Date(process.env.TEST_DEMO_SEEDED_AT!) } : simulatorOptions;
  const database = await createTestDatabase(template);
  const { db, sql } = database;
  const simulator = await startSimulator({ seed: 7, answerDelayMs: [5, 30], ...options });
  const secrets = createSecretBox('11'.repeat(32));
  const org = template
    ? (await db.update(orgs).set({ apiUrl: simulator.url }).returning())[0]!
    : await ensureOrg({
        db,
        sql,
        secrets,
        url: simulator.url,
        token: simulator.token,
        demo: { selection: demoSelection, settings: {} },
      });
  const rapidpro = createRapidProClient({ url: simulator.url, token: simulator.token, backoffLimitMs: 50 });
  const now = () => new Date();
  const i18n = await createI18n();
  const notifier = createRecordingNotifier();
  const charts = createLocalRenderer();
  const syncDeps = { db, sql, log: silentLog, now, rapidproFor: async () => rapidpro, notifier, i18n, charts };
  const sync = () => syncOrgJob.run(syncDeps, { orgId: org.id });
  if (!template) await sync();

  const regionId = async (name: string) =>
    (await db.select({ id: regions.id }).from(regions).where(eq(regions.name, name)))[0]!.id;
  const link = async (
    externalId: string,
    role: 'admin' | 'supervisor',
    regionNames: string[] = [],
    language?: string,
  ) => {
    const [identity] = await db
      .insert(chatIdentities)
      .values({ orgId: org.id, platform: 'console', externalId, displayName: externalId, role, language })
      .returning();
    for (const name of regionNames)
      await db.insert(identityRegions).values({ identityId: identity!.id, regionId: await regionId(name) });
    return identity!;
  };
  if (!template) {
    await link('admin', 'admin');
    await link('kampala-supervisor', 'supervisor', ['Kampala']);
  }

  const sent: number[] = [];
  const digestSchedules = new Map<number, { cron: string; timezone: string }>();
  const jobSchedules = new Map<number, { at: Date } | { cron: string; timezone: string }>();
  const services: Services = {
    db,
    sql,
    log: silentLog,
    now,
    rapidproFor: async () => rapidpro,
    secrets,
    // Generous: tests run many commands as one user; the limits have their own test.
    limits: createRateLimits(db, { commandsPerMinute: 100_000, sendsPerHour: 100_000 }),
    charts,
    jobs: {
      sendOutbox: async (messageId) => {
        sent.push(messageId);
        await sendOutbound(syncDeps, messageId);
      },
      syncOrg: async () => void (await sync()),
      syncPolls: async () => void (await syncPollsJob.run(syncDeps, { orgId: org.id })),
      fetchRuns: async (request) => void (await fetchRunsJob.run(syncDeps, request)),
      pushContactEdit: async (editId) => void (await pushContactEditJob.run(syncDeps, { editId })),
      // Digest schedules are recorded; tests run the digest job with a clock of their own.
      scheduleDigest: async (id, cron, timezone) => void digestSchedules.set(id, { cron, timezone }),
      cancelDigest: async (id) => void digestSchedules.delete(id),
      schedule: async (id, when) => void jobSchedules.set(id, when),
      cancelSchedule: async (id) => void jobSchedules.delete(id),
    },
  };
  const dispatch = createDispatch({ commands, services, i18n });
  const dialogs = createDialogs({ commands, services, i18n, registry, dispatch });
  const run = (userId: string, text: string, extra: Partial<Invocation> = {}) =>
    dispatch({ platform: 'console', userId, chatId: 'test', text, ...extra });

  return {
    url: database.url,
    db,
    sql,
    org: (await db.select().from(orgs).where(eq(orgs.id, org.id)))[0]!,
    simulator,
    rapidpro,
    sync,
    syncDeps,
    services,
    dispatch,
    dialogs,
    sent,
    digestSchedules,
    jobSchedules,
    notifier,
    link,
    regionId,
    run,
    /** The reply as plain text, blocks joined by new lines (buttons as "[label] command"). */
    text: (reply: Awaited<ReturnType<typeof dispatch>>) => replyText(reply),
    async close() {
      await simulator.stop();
      await database.drop();
    },
    /** Stops it and keeps its database as the template `name`, for `createDemoOrg(…, name)`. */
    async keepAs(name: string) {
      await simulator.stop();
      await database.keepAs(name);
    },
  };
}

/**
 * Syncs a plain demo org once and keeps it as the template `name` (test/run.ts, at the start of a
 * run); returns what tells createDemoOrg() to copy it.
 */
export async function keepDemoTemplate(name: string): Promise<Record<string, string>> {
  const seededAt = new Date();
  const demo = await createDemoOrg({ fresh: true, seededAt });
  await demo.keepAs(name);
  return { TEST_DEMO_TEMPLATE: name, TEST_DEMO_SEEDED_AT: seededAt.toISOString() };
}

export function replyText(reply: { blocks: import('../../src/core/reply.ts').Block[] }): string {
  return reply.blocks
    .map((b) => {
      switch (b.type) {
        case 'heading':
        case 'text':
        case 'context':
          return b.text;
        case 'fields':
          return b.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
        case 'list':
          return b.items.join('\n');
        case 'buttons':
          return b.buttons.map((x) => `[${x.label}] ${x.command}`).join('\n');
        default:
          return `<${b.type} ${b.filename}>`;
      }
    })
    .join('\n');
}

export type DemoOrg = Awaited<ReturnType<typeof createDemoOrg>>;
