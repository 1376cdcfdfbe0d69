import { defineSyncJob } from './define-sync-job.ts';
import { syncContacts } from '../src/rapidpro/sync/sync-contacts.ts';

/** Mirrors the org's contacts every 5 minutes (unless the org's settings say otherwise). */
export const syncContactsJob = defineSyncJob('contacts', '5 minutes', syncContacts);
