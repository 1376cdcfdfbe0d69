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

/**
 * Runs `work` while this process holds the named lock, or returns null at once when another
 * process holds it. The lock lives exactly as long as its connection: when a holder dies
 * (kill -9, a crash, a lost host) PostgreSQL frees it as soon as it sees the connection close,
 * and not before — so whoever takes it next knows the last holder is gone, not merely slow.
 * A heartbeat checks the connection; when it breaks (a database restart) or stops answering,
 * `signal` aborts so the work stops before another process can take the lock over.
 */
export async function withHeldLock<T>(
  sql: Sql,
  name: string,
  work: (signal: AbortSignal) => Promise<T>,
  heartbeatMs = 5_000,
): Promise<T | null> {
  const connection = await sql.reserve();
  const lost = new AbortController();
  let beating: NodeJS.Timeout | undefined;
  try {
    const [row] = await connection<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtext(${name})) as locked`;
    if (!row?.locked) return null;
    beating = setInterval(() => {
      const timeout = new Promise((_, reject) =>
        setTimeout(() => reject(new Error('the database did not answer the heartbeat')), heartbeatMs).unref(),
      );
      Promise.race([connection`select 1`, timeout]).catch((error) => lost.abort(new LockLostError(name, error)));
    }, heartbeatMs);
    try {
      return await work(lost.signal);
    } finally {
      clearInterval(beating);
      // A broken connection has dropped the lock already; nothing to undo then.
      await connection`select pg_advisory_unlock(hashtext(${name}))`.catch(() => undefined);
    }
  } finally {
    connection.release();
  }
}

/** The connection that held a lock broke: whatever ran under it must stop. */
class LockLostError extends Error {
  constructor(name: string, cause: unknown) {
    super(`lost the lock ${name}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'LockLostError';
  }
}
