import type { Sql } from '../client.ts';
import type { OrgSettings } from '../schema/orgs.ts';
import { toWatchSettings, type WatchSettings } from '../../domain/watch-settings.ts';

/** What "behind" means for an org: its admin's thresholds over the defaults. */
export async function readWatchSettings(sql: Sql, orgId: number): Promise<WatchSettings> {
  const [org] = await sql<{ settings: OrgSettings }[]>`select settings from orgs where id = ${orgId}`;
  return toWatchSettings(org?.settings.watch);
}
