import { defineSyncJob } from './define-sync-job.ts';
import { syncBoundaries } from '../src/rapidpro/sync/sync-boundaries.ts';

/** Mirrors the org's boundaries every 1 day (unless the org's settings say otherwise). */
export const syncBoundariesJob = defineSyncJob('boundaries', '1 day', syncBoundaries);
