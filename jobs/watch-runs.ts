import type { JobDefinition } from './job.ts';
import { withLock } from '../src/db/with-lock.ts';
import { watchOrg } from '../src/watch/watch-org.ts';

/**
 * Every minute (unless the org's settings say otherwise): which regions are behind in the org's
 * open poll runs, told to their supervisors once. Reads the mirror only. The lock keeps two
 * passes for one org from overlapping; the alerts' claims keep them from repeating anyway.
 */
export const watchRunsJob: JobDefinition<'watch-runs'> = {
  name: 'watch-runs',
  schedule: { entity: 'watch', every: '1 minute' },
  // The next pass comes within a minute and judges afresh: no retries to pile up.
  retries: 0,
  async run(deps, { orgId }) {
    return (await withLock(deps.sql, `watch:${orgId}`, () => watchOrg(deps, orgId))) ?? { overlapping: 1 };
  },
};
