import { defineSyncJob } from './define-sync-job.ts';
import { syncRuns } from '../src/rapidpro/sync/sync-runs.ts';

/** Mirrors the org's runs every 1 minute (unless the org's settings say otherwise). */
export const syncRunsJob = defineSyncJob('runs', '1 minute', syncRuns);
