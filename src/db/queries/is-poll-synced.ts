import type { Sql } from '../client.ts';

/** Whether a poll's runs have been fetched once (its own first window, `runs:<flow>`, is done). */
export async function isPollSynced(sql: Sql, orgId: number, pollUuid: string): Promise<boolean> {
  const rows = await sql`
    select 1 from sync_checkpoints where org_id = ${orgId} and entity = ${`runs:${pollUuid}`} and synced_until is not null`;
  return rows.length > 0;
}
