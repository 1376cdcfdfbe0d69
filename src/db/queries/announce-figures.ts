// New figures are announced through PostgreSQL (LISTEN/NOTIFY), so whichever process serves a
// chat platform hears of a sync that ran in another one.
import type { Sql } from '../client.ts';

const CHANNEL = 'tracbot_figures';

/** Tells every listening process that the org's participation figures have changed. */
export async function announceFigures(sql: Sql, orgId: number): Promise<void> {
  await sql`select pg_notify(${CHANNEL}, ${String(orgId)})`;
}

/** Calls `changed` with an org's id each time its figures change, until `unlisten`. */
export async function listenForFigures(
  sql: Sql,
  changed: (orgId: number) => void,
): Promise<{ unlisten(): Promise<void> }> {
  const { unlisten } = await sql.listen(CHANNEL, (payload) => changed(Number(payload)));
  return { unlisten };
}
