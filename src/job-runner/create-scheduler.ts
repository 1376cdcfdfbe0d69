// Agenda on PostgreSQL (LISTEN/NOTIFY, so a job queued by one process starts at once anywhere),
// or on MongoDB when MONGODB_URL is set.
import { Agenda, backoffStrategies, type Job } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Sql } from '../db/client.ts';
import { whenLocked } from '../db/with-lock.ts';
import type { JobDataOf, JobName } from '../../jobs/index.ts';
import type { JobDefinition, JobDeps } from '../../jobs/job.ts';
import type { OrgSettings } from '../db/schema/orgs.ts';
import { isStopping } from '../db/is-stopping.ts';

export interface Scheduler {
  agenda: Agenda;
  /** Throws when the job store (PostgreSQL's agenda_jobs, or MongoDB) cannot be read: for /healthz. */
  check(): Promise<void>;
  /** Queues a job to run as soon as a worker is free. */
  now<Name extends JobName>(name: Name, data: JobDataOf<Name>): Promise<void>;
  /** Queues a job and resolves when this process has finished it (for the first sync). */
  runAndWait<Name extends JobName>(name: Name, data: JobDataOf<Name>, timeoutMs?: number): Promise<void>;
  /** Creates or updates the recurring sync jobs of an org, one per entity. */
  scheduleOrg(orgId: number, settings: OrgSettings): Promise<void>;
  /** Creates or replaces the job that posts a digest subscription on its cron, in its zone. */
  scheduleDigest(subscriptionId: number, cron: string, timezone: string): Promise<void>;
  cancelDigest(subscriptionId: number): Promise<void>;
  /** Runs a schedule once at a time, or on a cron line in a time zone. */
  schedule(scheduleId: number, when: { at: Date } | { cron: string; timezone: string }): Promise<void>;
  cancelSchedule(scheduleId: number): Promise<void>;
  start(): Promise<void>;
  /** Stops taking jobs and waits for running ones to finish. */
  drain(timeoutMs?: number): Promise<void>;
}

export async function createScheduler(options: {
  databaseUrl: string;
  /** When set, jobs are stored in MongoDB instead; the mirror stays in PostgreSQL. */
  mongodbUrl?: string;
  /** Used on shutdown to release jobs this process locked ahead of time. */
  sql: Sql;
  /**
   * The registry (jobs/index.ts). Agenda hands each job back the data it was queued with under
   * its name, which `now` and the typed helpers below checked.
   */
  jobs: readonly JobDefinition<JobName, unknown>[];
  deps: JobDeps;
  log: Logger;
  processEvery?: string;
  /**
   * How long a job's lock holds if its process dies (a process that lives keeps it). Short, so
   * the others carry on soon; the advisory lock in each sync job keeps a slow run from being
   * doubled when its lock lapses.
   */
  lockLifetimeMs?: number;
}): Promise<Scheduler> {
  // Agenda records who locked a job; the name lets shutdown release this process's locks.
  const workerName = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const mongo = options.mongodbUrl ? await connectMongo(options.mongodbUrl) : null;
  const backend = mongo
    ? mongo.backend
    : new PostgresBackend({ connectionString: options.databaseUrl, tableName: 'agenda_jobs' });
  const warn = createQuietWarning(options.log);
  if (backend instanceof PostgresBackend) hearConnectionErrors(backend, warn);
  // Agenda creates its table as it connects; processes starting together take turns at it.
  const agenda = await whenLocked(options.sql, 'tracbot:agenda-schema', async () => {
    const created = new Agenda({ backend, name: workerName, processEvery: options.processEvery ?? '5 seconds' });
    await created.ready;
    return created;
  });
  // During a database outage Agenda reports each failed polling round (many a second); job
  // failures are also logged by the 'fail' handler below with their job.
  agenda.on('error', warn('scheduler'));

  const lockLifetime = options.lockLifetimeMs ?? 60_000;
  for (const job of options.jobs) {
    agenda.define(
      job.name,
      async (agendaJob: Job) => {
        // A job that is alive keeps its lock, however long it runs (a send to thousands, a
        // first sync): only a process that stopped renewing it — a dead one — loses it.
        const renew = setInterval(() => {
          agendaJob
            .touch()
            .catch((error: unknown) => options.log.warn({ err: error, job: job.name }, 'could not renew a job lock'));
        }, lockLifetime / 4);
        try {
          const counts = await job.run(options.deps, agendaJob.attrs.data);
          options.log.debug({ job: job.name, data: agendaJob.attrs.data, counts }, 'job done');
        } finally {
          clearInterval(renew);
        }
      },
      {
        concurrency: 4,
        lockLifetime,
        backoff:
          job.retries === 0 ? undefined : backoffStrategies.exponential({ delay: 5_000, maxRetries: job.retries ?? 5 }),
      },
    );
  }
  // Agenda also relays other processes' job events here, as notifications with no `attrs`
  // (`remote` is true): each handler reads both shapes and never throws.
  agenda.on('fail', (error: unknown, job: Job | JobNotice, remote?: boolean) => {
    if (remote) return;
    // Its connections were closed under it because this process is stopping: left for the next.
    if (isStopping(error)) return void options.log.debug({ job: jobName(job) }, 'job stopped with the process');
    options.log.warn(
      { err: error, job: jobName(job), data: 'attrs' in job ? job.attrs.data : undefined },
      'job failed',
    );
  });

  // Jobs queued by name here are the registry's, with their data: a rename fails typecheck.
  const create = <Name extends JobName>(name: Name, data: JobDataOf<Name>) => agenda.create(name, data);
  const scheduleAt = <Name extends JobName>(at: Date, name: Name, data: JobDataOf<Name>) =>
    agenda.schedule(at, name, data);
  const cancel = <Name extends JobName>(name: Name, data: JobDataOf<Name>) => agenda.cancel({ name, data });

  return {
    agenda,
    async check() {
      await agenda.queryJobs({ limit: 1 });
    },
    async now(name, data) {
      await agenda.now(name, data);
    },
    runAndWait(name, data, timeoutMs = 10 * 60_000) {
      return new Promise((resolve, reject) => {
        // A job can finish before `now()` resolves with its id, so outcomes are kept until then.
        let id: string | undefined;
        const outcomes = new Map<string, Error | null>();
        const settle = () => {
          if (id === undefined || !outcomes.has(id)) return;
          cleanup();
          const error = outcomes.get(id);
          if (error) reject(error);
          else resolve();
        };
        // Another process may be the one that runs it: its events arrive as notifications.
        const onSuccess = (job: Job | JobNotice) => (outcomes.set(jobId(job), null), settle());
        const onFail = (error: unknown, job: Job | JobNotice) => (
          outcomes.set(jobId(job), error instanceof Error ? error : new Error(String(error))), settle()
        );
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${name} did not finish within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          agenda.off(`success:${name}`, onSuccess);
          agenda.off(`fail:${name}`, onFail);
        };
        agenda.on(`success:${name}`, onSuccess);
        agenda.on(`fail:${name}`, onFail);
        agenda.now(name, data).then(
          (job) => ((id = String(job.attrs._id)), settle()),
          (error) => (cleanup(), reject(error)),
        );
      });
    },
    async scheduleOrg(orgId, settings) {
      for (const job of options.jobs) {
        if (!job.schedule) continue;
        const every = settings.syncEvery?.[job.schedule.entity] ?? job.schedule.every;
        await agenda
          .create(job.name, { orgId })
          .unique({ name: job.name, 'data.orgId': orgId })
          .repeatEvery(every, { skipImmediate: true })
          .save();
      }
    },
    async scheduleDigest(subscriptionId, cron, timezone) {
      await create('post-digest', { subscriptionId })
        .unique({ name: 'post-digest' satisfies JobName, 'data.subscriptionId': subscriptionId })
        .repeatEvery(cron, { timezone, skipImmediate: true })
        .save();
    },
    async cancelDigest(subscriptionId) {
      await cancel('post-digest', { subscriptionId });
    },
    async schedule(scheduleId, when) {
      if ('at' in when) {
        await scheduleAt(when.at, 'run-schedule', { scheduleId });
        return;
      }
      await create('run-schedule', { scheduleId })
        .unique({ name: 'run-schedule' satisfies JobName, 'data.scheduleId': scheduleId })
        .repeatEvery(when.cron, { timezone: when.timezone, skipImmediate: true })
        .save();
    },
    async cancelSchedule(scheduleId) {
      await cancel('run-schedule', { scheduleId });
    },
    async start() {
      await agenda.start();
      for (const job of options.jobs)
        if (job.every) await agenda.every(job.every, job.name, {}, { skipImmediate: true });
    },
    async drain(timeoutMs = 30_000) {
      await agenda.drain(timeoutMs);
      // Agenda locks jobs due within its polling interval ahead of time and drain() leaves them
      // locked; unlocked, another process runs them now rather than after the lock expires.
      if (!options.mongodbUrl) {
        await options.sql`update agenda_jobs set locked_at = null where last_modified_by = ${workerName} and locked_at is not null`;
      }
      await mongo?.client.close();
    },
  };
}

/** A job event relayed from another process: what Agenda's notification channel carries. */
interface JobNotice {
  jobId?: string;
  jobName?: string;
}

function jobId(job: Job | JobNotice): string {
  return 'attrs' in job ? String(job.attrs._id) : String(job.jobId);
}

function jobName(job: Job | JobNotice): string | undefined {
  return 'attrs' in job ? job.attrs.name : job.jobName;
}

/**
 * Agenda's PostgreSQL pool and its LISTEN connection emit 'error' when the server goes away (a
 * restart, a failover, the embedded one killed); unheard, Node ends the process. Heard, they are
 * logged: the pool opens new connections on its next query and the channel reconnects by itself
 * (Agenda also polls every few seconds, so jobs run meanwhile whether or not it does).
 */
function hearConnectionErrors(backend: PostgresBackend, warn: QuietWarning): void {
  type Emitter = { on(event: 'error', listener: (error: Error) => void): unknown };
  (backend.repository as unknown as { getPool(): Emitter }).getPool().on('error', warn('pool'));
  (backend.notificationChannel as unknown as Emitter | undefined)?.on('error', warn('listen'));
}

type QuietWarning = (part: string) => (error: Error & { code?: string }) => void;

/**
 * A warning per part of the scheduler, the message and code only (node-postgres attaches the
 * whole client object to its errors), at most once per 30 s: during an outage the channel
 * retries ten times a second and every polling round fails.
 */
function createQuietWarning(log: Logger): QuietWarning {
  const lastLogged = new Map<string, number>();
  return (part) => (error) => {
    if (Date.now() - (lastLogged.get(part) ?? 0) < 30_000) return;
    lastLogged.set(part, Date.now());
    log.warn({ part, code: error.code, reason: error.message }, 'job scheduler error');
  };
}

/** How long MongoDB may take to answer at start-up before the bot says so and stops. */
const MONGODB_WAIT_MS = 5_000;

/**
 * Agenda's MongoDB store, loaded only when MONGODB_URL is set: the MongoDB driver is a large
 * module that a PostgreSQL deployment (the default) never needs. The connection is made here, not
 * by Agenda: Agenda leaves a failed connection unanswered (its `ready` never settles), and an
 * unreachable server must stop the start with one line that names it.
 */
async function connectMongo(url: string) {
  const [{ MongoClient }, { MongoBackend }] = await Promise.all([import('mongodb'), import('@agendajs/mongo-backend')]);
  const client = await MongoClient.connect(url, { serverSelectionTimeoutMS: MONGODB_WAIT_MS }).catch(
    (error: unknown) => {
      // The driver repeats the cause once per attempt ("connect ECONNREFUSED …: connect ECONNREFUSED …").
      throw new Error(
        `MongoDB (MONGODB_URL, ${hostOf(url)}) cannot be reached: ${(error as Error).message.split(': ')[0]}`,
      );
    },
  );
  return { client, backend: new MongoBackend({ mongo: client.db(), collection: 'agenda_jobs' }) };
}

/** The host part of a connection URL, without credentials, for messages. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'its host';
  }
}
