import type { Sql } from './client.ts';

/**
 * Runs `work` only if no other process holds the same named lock (a PostgreSQL advisory lock on
 * a reserved connection); returns null without running it otherwise. Sync jobs use it so two
 * runs for the same org and entity never overlap, whoever scheduled them.
 */
export function withLock<T>(sql: Sql, name: string, work: () => Promise<T>): Promise<T | null> {
  return holding(sql, name, false, work);
}

/**
 * Runs `work` once this process holds the named lock, waiting for another process to release
 * it first: start-up steps that create tables (migrations, the job store) run one at a time.
 */
export async function whenLocked<T>(sql: Sql, name: string, work: () => Promise<T>): Promise<T> {
  return (await holding(sql, name, true, work))!;
}

async function holding<T>(sql: Sql, name: string, wait: boolean, work: () => Promise<T>): Promise<T | null> {
  const connection = await sql.reserve();
  try {
    if (wait) {
      await connection`select pg_advisory_lock(hashtext(${name}))`;
    } else {
      const [row] = await connection<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtext(${name})) as locked`;
      if (!row?.locked) return null;
    }
    try {
      return await work();
    } finally {
      await connection`select pg_advisory_unlock(hashtext(${name}))`;
    }
  } finally {
    connection.release();
  }
}
