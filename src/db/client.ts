import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { fileURLToPath } from 'node:url';
import { hostname } from 'node:os';
import * as schema from './schema/index.ts';
import { whenLocked } from './with-lock.ts';
import { connectSocket } from './connect-socket.ts';

export type Db = ReturnType<typeof createDb>['db'];
// Note: drizzle makes postgres.js pass timestamps and JSON through as text, so raw `sql` queries
// take dates as ISO strings (date.toISOString()) and JSON as JSON.stringify(x)::jsonb.
export type Sql = postgres.Sql;

/** A postgres.js pool and the drizzle database over it. */
export function createDb(url: string, options: { max?: number } = {}) {
  // onnotice: PostgreSQL's NOTICEs (e.g. "relation already exists, skipping") are not news.
  // A query that finds its connection gone waits for the connection to be made again. postgres.js
  // waits longer after each failure, up to 20 s, and counts failures across outages: after a
  // database restart or two, a command typed then hung that long before anyone answered. Waits
  // of at most a second, and connection attempts cut off after 5 s, keep "try again in a moment"
  // (or the answer) within seconds of the person asking.
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 5,
    // Names this process's sessions, so it can tell its own locks from another process's.
    connection: { application_name: `tracbot ${hostname()}:${process.pid}` },
    backoff: (failures: number) => Math.min(0.05 * 2 ** failures, 1),
    // Documented ("Custom socket" in postgres.js's README) but missing from its typings.
    ...({ socket: connectSocket } as object),
  });
  const db = drizzle(sql, { schema });
  // `timeoutS`: how long queries still running may take before their connections are cut.
  return { sql, db, close: (timeoutS = 5) => sql.end({ timeout: timeoutS }) };
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Applies the committed migrations (drizzle/); processes starting together take turns. */
export async function migrateDb(db: Db): Promise<void> {
  await whenLocked(db.$client, 'tracbot:migrate', () => migrate(db, { migrationsFolder }));
}
