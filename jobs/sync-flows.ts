import { defineSyncJob } from './define-sync-job.ts';
import { syncFlows } from '../src/rapidpro/sync/sync-flows.ts';

/** Mirrors the org's flows every 1 hour (unless the org's settings say otherwise). */
export const syncFlowsJob = defineSyncJob('flows', '1 hour', syncFlows);
