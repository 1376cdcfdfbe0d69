import type { Sql } from '../client.ts';

/**
 * The workspace's contact fields, by key. RapidPro gives every contact every field (null when
 * unset; temba/api/v2/serializers.py, ContactReadSerializer.get_contact_fields), so these are
 * the keys of any contact: a list of the workspace's, which holds nothing of any region.
 */
export async function listFieldKeys(sql: Sql, orgId: number): Promise<string[]> {
  const rows = await sql<{ key: string }[]>`select key from contact_fields where org_id = ${orgId} order by key`;
  return rows.map((r) => r.key);
}
