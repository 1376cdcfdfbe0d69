import type { Sql } from '../client.ts';

/** The ids of the org's poll runs conducted on or after a day (`YYYY-MM-DD`), for `activity`. */
export async function listPollRunsSince(sql: Sql, orgId: number, since: string): Promise<number[]> {
  const runs = await sql<{ id: number }[]>`select id from poll_runs where org_id = ${orgId} and day >= ${since}`;
  return runs.map((r) => r.id);
}
