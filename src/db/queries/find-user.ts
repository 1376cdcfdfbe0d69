import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { chatIdentities, identityRegions, orgs } from '../schema/index.ts';
import type { Platform } from '../schema/chat.ts';
import type { OrgInfo, User } from '../../core/command.ts';

export interface LinkedUser {
  user: User;
  org: OrgInfo;
  language: string | null;
}

/** The identity linked to a chat user, with its org and region grants; null when unknown. */
export async function findUser(db: Db, platform: Platform, externalId: string): Promise<LinkedUser | null> {
  const [row] = await db
    .select({ identity: chatIdentities, org: { id: orgs.id, name: orgs.name, timezone: orgs.timezone } })
    .from(chatIdentities)
    .innerJoin(orgs, eq(orgs.id, chatIdentities.orgId))
    .where(and(eq(chatIdentities.platform, platform), eq(chatIdentities.externalId, externalId)));
  if (!row) return null;
  const grants = await db
    .select({ regionId: identityRegions.regionId })
    .from(identityRegions)
    .where(eq(identityRegions.identityId, row.identity.id));
  return {
    user: {
      identityId: row.identity.id,
      orgId: row.org.id,
      role: row.identity.role,
      displayName: row.identity.displayName,
      grantedRegionIds: grants.map((g) => g.regionId),
      lastPolls: row.identity.lastPolls ?? [],
    },
    org: row.org,
    language: row.identity.language,
  };
}
