// New figures from a sync (in this process or another) redraw the org's App Homes, one refresh
// at a time per org: announcements that arrive meanwhile are folded into one more pass.
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Dispatch } from '../../core/dispatch.ts';
import type { Sql } from '../../db/client.ts';
import { listenForFigures } from '../../db/queries/announce-figures.ts';
import { refreshHomes } from './publish-home.ts';

export async function refreshHomesOnFigures(options: {
  client: WebClient;
  dispatch: Dispatch;
  sql: Sql;
  log: Logger;
  localeOf(userId: string): string | undefined;
}): Promise<{ stop(): Promise<void> }> {
  const refreshing = new Map<number, Promise<void>>();
  const pending = new Set<number>();
  const refresh = (orgId: number): void => {
    if (refreshing.has(orgId)) return void pending.add(orgId);
    const run = refreshHomes({ ...options, orgId })
      .catch((error) => options.log.warn({ err: error, orgId }, 'App Home refresh failed'))
      .finally(() => {
        refreshing.delete(orgId);
        if (pending.delete(orgId)) refresh(orgId);
      });
    refreshing.set(orgId, run);
  };
  const figures = await listenForFigures(options.sql, refresh);
  return {
    async stop() {
      await figures.unlisten();
      await Promise.all(refreshing.values());
    },
  };
}
