import { defineSyncJob } from './define-sync-job.ts';
import { buildStaleFigures } from '../src/db/queries/build-figures.ts';
import { syncContacts } from '../src/rapidpro/sync/sync-contacts.ts';

/**
 * Mirrors the org's contacts every 5 minutes (unless the org's settings say otherwise); a contact
 * who moved region or stopped changes the figures of the poll runs they answered.
 */
export const syncContactsJob = defineSyncJob('contacts', '5 minutes', async (deps, orgId) => ({
  ...(await syncContacts(deps, orgId)),
  figures: await buildStaleFigures(deps.sql, orgId),
}));
