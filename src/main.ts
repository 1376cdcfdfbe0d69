// The only wiring point: config → database → RapidPro → i18n → jobs → chat adapters, and the
// shutdown that undoes it all in reverse.
import { userInfo } from 'node:os';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { commands } from '../commands/index.ts';
import { jobs } from '../jobs/index.ts';
import { ensureAdmins, ensureConsoleAdmin, findPreviewUser } from './bootstrap/ensure-console-admin.ts';
import { ensureOrg } from './bootstrap/ensure-org.ts';
import { reportDatabase } from './bootstrap/report-database.ts';
import { startPlatforms } from './bootstrap/start-platforms.ts';
import { syncAtStart } from './bootstrap/sync-at-start.ts';
import {
  assertTokensReadable,
  describeTokenNotice,
  findUnreadableTokens,
  unreadableTokensAdvice,
} from './bootstrap/report-token.ts';
import { runConsole, type PressableButtons } from './adapters/console/app.ts';
import { createMetrics } from './http/create-metrics.ts';
import { startHttpServer } from './http/start-http-server.ts';
import { createHealthChecks } from './http/create-health-checks.ts';
import { createConsoleNotifier } from './adapters/console/notifier.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createChartRenderer } from './charts/create-chart-renderer.ts';
import { createLogger } from './core/create-logger.ts';
import { createShutdown } from './core/create-shutdown.ts';
import { createDispatch } from './core/dispatch.ts';
import { createDialogs } from './core/create-dialogs.ts';
import { dialogs as dialogRegistry } from './dialogs/index.ts';
import { createI18n } from './core/i18n.ts';
import { routeNotifications, type Notifier } from './core/notifier.ts';
import { createRateLimits } from './core/rate-limits.ts';
import { createSecretBox, loadSecretKey } from './core/secrets.ts';
import type { Services } from './core/command.ts';
import { createDb, migrateDb } from './db/client.ts';
import { orgs } from './db/schema/index.ts';
import type { Platform } from './db/schema/chat.ts';
import { assertNotAnotherBotsEmbedded, startEmbeddedPostgres } from './db/start-embedded-postgres.ts';
import { describeStartupError } from './core/describe-startup-error.ts';
import { createRapidProFor } from './rapidpro/create-rapidpro-for.ts';
import { createScheduler } from './job-runner/create-scheduler.ts';
import { demoSelection } from './simulator/seed-demo.ts';
import { startSimulator } from './simulator/start-simulator.ts';

const json = process.argv.includes('--json');
// `--as <platform>:<id>`: an admin previews the console as a linked person (their scope and language).
const previewAs = process.argv.includes('--as') ? process.argv[process.argv.indexOf('--as') + 1] : undefined;
const say = (line: string) => process.stderr.write(line + '\n');

// SIGINT/SIGTERM (what systemd, Docker and Kubernetes send) end the session the same way as end of
// input: running jobs drain and everything is shut down in order, each step within its share of
// SHUTDOWN_STEPS_MS (src/core/create-shutdown.ts). A second signal, or a shutdown that still
// overruns SHUTDOWN_LIMIT_MS, ends the process at once.
const SHUTDOWN_STEPS_MS = 8_000;
const SHUTDOWN_LIMIT_MS = 9_500;
const stopping = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping.signal.aborted) {
      say(`Stopped at once (second ${signal}).`);
      process.exit(1);
    }
    stopping.abort();
    setTimeout(() => {
      say(`Shutdown took longer than ${SHUTDOWN_LIMIT_MS / 1000} s: stopped at once.`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
  });
}

async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      say(error.message);
      return 1;
    }
    throw error;
  }
  const onConsole = !config.SLACK_BOT_TOKEN && !config.TELEGRAM_BOT_TOKEN;
  // On the console, logs would drown the conversation: only warnings unless asked.
  const log = createLogger(config.LOG_LEVEL ?? (onConsole ? 'warn' : 'info'));
  const steps = createShutdown(log, SHUTDOWN_STEPS_MS);
  // A step's limit; it is given what is left when that is less.
  const onShutdown = (name: string, run: (budgetMs: number) => Promise<unknown>, limitMs = 1_000) =>
    steps.add(name, limitMs, run);
  // A promise nobody waited for (a library's background query while the database restarts) is
  // logged, not allowed to end the bot.
  process.on('unhandledRejection', (error) => log.error({ err: error }, 'unhandled rejection'));

  try {
    // One line per start-up step, from the first second (a first start sets PostgreSQL up: ~30 s).
    const startedAt = Date.now();
    const step = (what: string) => say(`${what} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
    if (!config.DATABASE_URL)
      say(
        existsSync(path.join(config.DATA_DIR, 'pg'))
          ? `Starting the embedded PostgreSQL in ${config.DATA_DIR}…`
          : `Setting up the embedded PostgreSQL in ${config.DATA_DIR} (first start: about half a minute)…`,
      );
    const embedded = config.DATABASE_URL
      ? null
      : await startEmbeddedPostgres({
          dataDir: config.DATA_DIR,
          markOwner: true,
          log: (line) => log.debug({ postgres: line }),
          onEvent: reportDatabase(log, say),
        });
    if (embedded) onShutdown('database server', (budget) => embedded.stop(budget), 3_000);
    const databaseUrl = config.DATABASE_URL ?? embedded!.url;
    const { db, sql, close } = createDb(databaseUrl);
    // Queries still running (a job left by the drain) are cut after the budget: their work is
    // left for the next process, which takes their jobs' locks over.
    onShutdown('database connections', (budget) => close(budget / 1000), 1_500);
    if (config.DATABASE_URL) await assertNotAnotherBotsEmbedded(sql);
    await migrateDb(db);
    step('Database ready');

    const secretKey = await loadSecretKey(config.SECRET_KEY, config.DATA_DIR);
    if (secretKey.generated) say(`No SECRET_KEY set: generated one in ${secretKey.generated} (keep it with the data).`);
    const secrets = createSecretBox(secretKey.key);
    if (!config.SECRET_KEY_LOST) await assertTokensReadable(db, secrets);

    const simulator = config.RAPIDPRO_URL ? null : await startSimulator({ morningRound: true });
    if (simulator) onShutdown('simulator', () => simulator.stop());
    if (simulator) step('RapidPro simulator started');

    const metrics = createMetrics(sql);
    const rapidproIn = createRapidProFor({
      db,
      sql,
      secrets,
      apiRates: config.RAPIDPRO_API_RATES,
      onRetry: ({ endpoint, attempt, error }) => {
        metrics.rapidproError(
          endpoint,
          'status' in error && typeof error.status === 'number' ? error.status : 'network',
        );
        log.info({ endpoint, attempt, err: error.message }, 'retrying RapidPro');
      },
    });
    const rapidproFor = rapidproIn('background');

    const org = await ensureOrg({
      db,
      sql,
      secrets,
      url: config.RAPIDPRO_URL ?? simulator!.url,
      token: config.RAPIDPRO_TOKEN ?? simulator!.token,
      // The demo syncs runs every few seconds so answers show up while you watch, and the watch
      // looks at them as often, so its alert comes soon after the first prompt.
      demo: simulator
        ? { selection: demoSelection, settings: { syncEvery: { runs: '5 seconds', watch: '10 seconds' } } }
        : undefined,
      report: (notice) => {
        log.warn(notice, 'RapidPro token');
        say(describeTokenNotice(notice));
      },
    });
    const unreadable = await findUnreadableTokens(db, secrets);
    if (unreadable.length > 0) {
      log.error({ orgs: unreadable }, 'stored RapidPro tokens cannot be decrypted with this SECRET_KEY');
      say(unreadableTokensAdvice(unreadable));
    }
    const consoleUser = userInfo().username;
    if (onConsole) await ensureConsoleAdmin(db, org.id, consoleUser, Boolean(simulator));
    await ensureAdmins(db, org.id, config.ADMINS);

    const now = () => new Date();
    const i18n = await createI18n();
    // Background work reaches chat through the adapters that are running.
    // Filled in as the chat adapters start (they need the dispatch, which needs the jobs).
    const pressable: PressableButtons = { last: [] };
    const notifiers: Partial<Record<Platform, Notifier>> = {
      console: onConsole ? createConsoleNotifier(process.stdout, json, pressable) : undefined,
    };
    const notifier = routeNotifications(notifiers);
    const charts = createChartRenderer(config);
    const scheduler = await createScheduler({
      databaseUrl,
      mongodbUrl: config.MONGODB_URL,
      sql,
      jobs,
      deps: { db, sql, log, now, rapidproFor, notifier, i18n, charts },
      log,
    });
    await scheduler.start();
    // Jobs left running past the drain are taken up again by the next start (or another process).
    onShutdown('jobs', (budget) => scheduler.drain(budget - 500), 4_000);
    step('Jobs started');

    const t = i18n.forLanguage(org.primaryLanguage === 'ara' ? 'ar' : 'en').t;

    await syncAtStart({ sql, scheduler, org, t, say, log, signal: stopping.signal });
    if (stopping.signal.aborted) return 0;
    const [current] = await db.select().from(orgs).where(eq(orgs.id, org.id));
    await scheduler.scheduleOrg(org.id, current!.settings);

    const services: Services = {
      db,
      sql,
      log,
      now,
      rapidproFor: rapidproIn('interactive'),
      secrets,
      limits: createRateLimits(db, { uncountedPlatforms: ['console'] }),
      charts,
      jobs: {
        sendOutbox: (messageId) => scheduler.now('send-outbox', { messageId }),
        syncOrg: (orgId) => scheduler.now('sync-org', { orgId }),
        syncPolls: (orgId) => scheduler.now('sync-polls', { orgId }),
        fetchRuns: (request) => scheduler.now('fetch-runs', request),
        pushContactEdit: (editId) => scheduler.now('push-contact-edit', { editId }),
        scheduleDigest: (id, cron, timezone) => scheduler.scheduleDigest(id, cron, timezone),
        cancelDigest: (id) => scheduler.cancelDigest(id),
        schedule: (id, when) => scheduler.schedule(id, when),
        cancelSchedule: (id) => scheduler.cancelSchedule(id),
      },
    };
    const dispatch = createDispatch({ commands, services, i18n, observe: metrics.command, notifier });
    const dialogs = createDialogs({ commands, services, i18n, registry: dialogRegistry, dispatch });

    if (stopping.signal.aborted) return 0;
    // Health, metrics and the platforms' webhooks share one port (not needed on the console).
    const http = onConsole
      ? undefined
      : await startHttpServer({
          port: config.PORT,
          log,
          health: createHealthChecks({ sql, secrets, jobs: scheduler.check }),
          metrics: { contentType: metrics.registry.contentType, render: () => metrics.registry.metrics() },
        });
    if (http) onShutdown('http server', http.close);
    await startPlatforms({ config, http, commands, dispatch, dialogs, i18n, sql, log, notifiers, onShutdown });
    if (onConsole) {
      const as = previewAs ? await findPreviewUser(db, org.id, previewAs) : undefined;
      if (previewAs && !as) {
        say(`--as ${previewAs}: nobody linked has that identity (platform:id, as supervisors lists them).`);
        return 1;
      }
      if (as) say(`Previewing TracBot as ${previewAs}: every command runs as them, sends included.`);
      say(t('console.ready'));
      await runConsole({
        dispatch,
        input: process.stdin,
        output: process.stdout,
        user: consoleUser,
        json,
        prompt: 'tracbot> ',
        signal: stopping.signal,
        filesDir: path.resolve(config.DATA_DIR, 'files'),
        pressable,
        as: as ?? undefined,
      });
    } else {
      // The Slack and Telegram adapters start here; the process then runs until a signal.
      await new Promise((resolve) => stopping.signal.addEventListener('abort', resolve, { once: true }));
    }
    return 0;
  } catch (error) {
    if (stopping.signal.aborted) {
      // Stopped while starting: whatever failed did so because it was being shut down.
      log.debug({ err: error }, 'start-up interrupted');
      return 0;
    }
    log.fatal({ err: error }, 'start-up failed');
    say(`TracBot could not start: ${describeStartupError(error)}`);
    return 1;
  } finally {
    await steps.run();
  }
}

// Everything is closed in order above; exiting explicitly covers timers a library may keep for
// jobs it had locked ahead of time (Agenda does, for jobs due within its polling interval).
process.exit(await main());
