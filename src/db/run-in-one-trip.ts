// A transaction sent in one round trip: BEGIN, the statements and COMMIT go out together on one
// connection (postgres.js pipelines queries that are not awaited one by one), and PostgreSQL runs
// them in order. `sql.begin` waits for BEGIN's answer before sending anything else, and for each
// statement's answer when they are awaited in turn: on a busy process every answer also waits
// for the event loop, so a page written in three trips paid that wait three times.
//
// If a statement fails, PostgreSQL refuses the ones after it and turns the COMMIT into a
// ROLLBACK: nothing is kept, and the statement's error is what is thrown.
import type postgres from 'postgres';
import type { Sql } from './client.ts';

type Statement = postgres.PendingQuery<postgres.Row[]>;

export async function runInOneTrip(sql: Sql, statements: (connection: Sql) => Statement[]): Promise<postgres.Row[][]> {
  const connection = await sql.reserve();
  try {
    const results = await Promise.allSettled([
      connection`begin`,
      ...statements(connection),
      connection`commit`,
    ] as Statement[]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) {
      // A COMMIT that was never reached (the connection broke) leaves the transaction open on a
      // connection going back to the pool: end it there.
      await connection`rollback`.catch(() => undefined);
      throw failed.reason;
    }
    return results.slice(1, -1).map((result) => (result as PromiseFulfilledResult<postgres.Row[]>).value);
  } finally {
    connection.release();
  }
}
