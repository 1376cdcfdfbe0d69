import type { Sql } from '../client.ts';
import type { WatchThresholds } from '../../domain/watch-settings.ts';

/** What "behind" means for an org, as its admin sets it (kept in orgs.settings.watch, read by readWatchSettings). */
export async function setWatchThresholds(sql: Sql, orgId: number, thresholds: WatchThresholds): Promise<void> {
  await sql`
    update orgs set settings = jsonb_set(settings, '{watch}', ${JSON.stringify(thresholds)}::jsonb)
    where id = ${orgId}`;
}
