import { defineSyncJob } from './define-sync-job.ts';
import { syncInbox } from '../src/rapidpro/sync/sync-inbox.ts';

/** Mirrors the org's inbox every 5 minutes (unless the org's settings say otherwise). */
export const syncInboxJob = defineSyncJob('inbox', '5 minutes', syncInbox);
