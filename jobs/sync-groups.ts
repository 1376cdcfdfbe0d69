import { defineSyncJob } from './define-sync-job.ts';
import { syncGroups } from '../src/rapidpro/sync/sync-groups.ts';

/** Mirrors the org's groups every 1 hour (unless the org's settings say otherwise). */
export const syncGroupsJob = defineSyncJob('groups', '1 hour', syncGroups);
