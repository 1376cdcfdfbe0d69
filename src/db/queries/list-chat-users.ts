import type { Sql } from '../client.ts';
import type { Platform, Role } from '../schema/chat.ts';

export interface ChatUser {
  externalId: string;
  role: Role;
  language: string | null;
}

/** The people linked on a platform, of one org or of all, optionally of one role only. */
export async function listChatUsers(
  sql: Sql,
  platform: Platform,
  filter: { orgId?: number; role?: Role } = {},
): Promise<ChatUser[]> {
  return sql<ChatUser[]>`
    select external_id as "externalId", role, language from chat_identities
    where platform = ${platform}
      ${filter.orgId === undefined ? sql`` : sql`and org_id = ${filter.orgId}`}
      ${filter.role === undefined ? sql`` : sql`and role = ${filter.role}`}
    order by external_id`;
}
