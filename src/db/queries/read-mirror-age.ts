import type { Sql } from '../client.ts';

/**
 * How many minutes the oldest of an org's synced entities is behind, or null while the mirror
 * has never synced its runs (then there are no figures to answer from yet).
 */
export async function readMirrorAge(sql: Sql, orgId: number): Promise<number | null> {
  const [row] = await sql<{ minutes: number }[]>`
    select floor(extract(epoch from now() - min(last_success_at)) / 60)::int as minutes
    from sync_checkpoints where org_id = ${orgId}
    having bool_or(entity = 'runs' and last_success_at is not null)`;
  return row ? row.minutes : null;
}
