import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { orgs } from '../schema/index.ts';

/** Minutes each incremental window reaches back before the last checkpoint, unless the org says. */
export const DEFAULT_SYNC_MARGIN_MINUTES = 5;

/** The org's sync margin in ms (see OrgSettings.syncMarginMinutes). */
export async function readSyncMargin(db: Db, orgId: number): Promise<number> {
  const [org] = await db.select({ settings: orgs.settings }).from(orgs).where(eq(orgs.id, orgId));
  const minutes = org?.settings.syncMarginMinutes;
  return (
    (typeof minutes === 'number' && Number.isFinite(minutes) && minutes >= 0 ? minutes : DEFAULT_SYNC_MARGIN_MINUTES) *
    60_000
  );
}
