import { defineSyncJob } from './define-sync-job.ts';
import { buildStaleFigures } from '../src/db/queries/build-figures.ts';
import { syncRuns } from '../src/rapidpro/sync/sync-runs.ts';

/**
 * Mirrors the org's runs every 1 minute (unless the org's settings say otherwise), then rebuilds
 * the figures of the poll runs that changed, so the next reader finds them ready.
 */
export const syncRunsJob = defineSyncJob('runs', '1 minute', async (deps, orgId) => ({
  ...(await syncRuns(deps, orgId)),
  figures: await buildStaleFigures(deps.sql, orgId),
}));
