import type { JobDefinition, SyncEntity } from './job.ts';
import { withLock } from '../src/db/with-lock.ts';
import type { SyncDeps } from '../src/rapidpro/sync/sync-deps.ts';
import type { Counts } from '../src/rapidpro/sync/sync-window.ts';

/**
 * A sync job for one entity of one org. The advisory lock keeps two runs for the same org and
 * entity from overlapping, whether Agenda, a manual refresh or another process started them.
 */
export function defineSyncJob<Entity extends SyncEntity>(
  entity: Entity,
  every: string,
  sync: (deps: SyncDeps, orgId: number) => Promise<Counts>,
): JobDefinition<`sync-${Entity}`> {
  return {
    name: `sync-${entity}`,
    schedule: { entity, every },
    run: async (deps, { orgId }) => {
      // A duplicate of another org's workspace (see OrgSettings.sameWorkspaceAs) is not synced.
      const [org] = await deps.sql<{ duplicate: boolean }[]>`
        select settings ? 'sameWorkspaceAs' as duplicate from orgs where id = ${orgId}`;
      if (org?.duplicate) return { duplicate: 1 };
      return (await withLock(deps.sql, `sync:${orgId}:${entity}`, () => sync(deps, orgId))) ?? { overlapping: 1 };
    },
  };
}
