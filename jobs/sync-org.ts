import type { JobDefinition } from './job.ts';
import { syncBoundariesJob } from './sync-boundaries.ts';
import { syncContactsJob } from './sync-contacts.ts';
import { syncFieldsJob } from './sync-fields.ts';
import { syncFlowsJob } from './sync-flows.ts';
import { syncGroupsJob } from './sync-groups.ts';
import { syncInboxJob } from './sync-inbox.ts';
import { syncRunsJob } from './sync-runs.ts';
import { addCounts, type Counts } from '../src/rapidpro/sync/sync-window.ts';
import { readCheckpoint } from '../src/db/queries/checkpoints.ts';

/** Boundaries (with their geometry, the heaviest read) change rarely: fetched daily, not per setup change. */
const BOUNDARIES_EVERY_MS = 86_400_000;

/**
 * Everything, in dependency order (groups before the contacts they place, flows before the runs
 * that answer them): the first sync of an org, and a refresh after an admin changes its setup.
 */
export const syncOrgJob: JobDefinition<'sync-org'> = {
  name: 'sync-org',
  async run(deps, data) {
    const counts: Counts = {};
    const boundaries = await readCheckpoint(deps.db, data.orgId, 'boundaries');
    const boundariesFresh =
      boundaries?.lastSuccessAt &&
      deps.now().getTime() - new Date(boundaries.lastSuccessAt).getTime() < BOUNDARIES_EVERY_MS;
    for (const job of [
      syncGroupsJob,
      syncFieldsJob,
      ...(boundariesFresh ? [] : [syncBoundariesJob]),
      syncContactsJob,
      syncFlowsJob,
      syncRunsJob,
      syncInboxJob,
    ]) {
      addCounts(counts, (await job.run(deps, data)) ?? {});
    }
    return counts;
  },
};
