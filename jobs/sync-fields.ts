import { defineSyncJob } from './define-sync-job.ts';
import { syncFields } from '../src/rapidpro/sync/sync-fields.ts';

/** Mirrors the org's fields every 1 hour (unless the org's settings say otherwise). */
export const syncFieldsJob = defineSyncJob('fields', '1 hour', syncFields);
