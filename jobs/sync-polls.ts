import type { JobDefinition } from './job.ts';
import { syncFlowsJob } from './sync-flows.ts';
import { syncRunsJob } from './sync-runs.ts';
import { addCounts, type Counts } from '../src/rapidpro/sync/sync-window.ts';

/**
 * After an admin changes which flows are polls: the polls' questions (flows and their
 * definitions), then the runs of the polls not caught up yet (a newly chosen poll pulls its own
 * flow's runs; the others only join the org's usual window). Groups, contacts, boundaries and the
 * inbox did not change, so they are not fetched again.
 */
export const syncPollsJob: JobDefinition<'sync-polls'> = {
  name: 'sync-polls',
  async run(deps, data) {
    const counts: Counts = {};
    for (const job of [syncFlowsJob, syncRunsJob]) addCounts(counts, (await job.run(deps, data)) ?? {});
    return counts;
  },
};
