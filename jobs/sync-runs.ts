import { defineSyncJob } from './define-sync-job.ts';
import { announceFigures } from '../src/db/queries/announce-figures.ts';
import { buildStaleFigures } from '../src/db/queries/build-figures.ts';
import { syncRuns } from '../src/rapidpro/sync/sync-runs.ts';

/**
 * Mirrors the org's runs every 1 minute (unless the org's settings say otherwise), then rebuilds
 * the figures of the poll runs that changed, so the next reader finds them ready, and announces
 * them (Slack's App Home is refreshed).
 */
export const syncRunsJob = defineSyncJob('runs', '1 minute', async (deps, orgId) => {
  const counts = await syncRuns(deps, orgId);
  const figures = await buildStaleFigures(deps.sql, orgId);
  if (figures > 0) await announceFigures(deps.sql, orgId);
  return { ...counts, figures };
});
