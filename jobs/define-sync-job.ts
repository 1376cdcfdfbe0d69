import type { JobDefinition, OrgJobData } from './job.ts';
import { withLock } from '../src/db/with-lock.ts';
import type { SyncDeps } from '../src/rapidpro/sync/sync-deps.ts';
import type { Counts } from '../src/rapidpro/sync/sync-window.ts';

type Entity = NonNullable<JobDefinition['schedule']>['entity'];

/**
 * A sync job for one entity of one org. The advisory lock keeps two runs for the same org and
 * entity from overlapping, whether Agenda, a manual refresh or another process started them.
 */
export function defineSyncJob(
  entity: Entity,
  every: string,
  sync: (deps: SyncDeps, orgId: number) => Promise<Counts>,
): JobDefinition<OrgJobData> {
  return {
    name: `sync-${entity}`,
    schedule: { entity, every },
    run: async (deps, { orgId }) => (await withLock(deps.sql, `sync:${orgId}:${entity}`, () => sync(deps, orgId))) ?? { overlapping: 1 },
  };
}
