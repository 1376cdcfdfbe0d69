// Administrative boundaries with their geometry (for maps). Few and rarely changed: read whole.
import type { SyncDeps } from './sync-deps.ts';
import { syncSnapshot } from './sync-snapshot.ts';
import type { Counts } from './sync-window.ts';
import { collect } from '../collect.ts';
import { fromExcluded } from '../../db/excluded.ts';
import { boundaries } from '../../db/schema/index.ts';

export async function syncBoundaries(deps: SyncDeps, orgId: number): Promise<Counts> {
  return syncSnapshot({ ...deps, orgId, entity: 'boundaries' }, () => mirrorBoundaries(deps, orgId));
}

async function mirrorBoundaries(deps: SyncDeps, orgId: number): Promise<Counts> {
  const rapidpro = await deps.rapidproFor(orgId);
  const all = await collect(rapidpro.boundaries({ geometry: true }));
  if (all.length > 0) {
    await deps.db
      .insert(boundaries)
      .values(
        all.map((b) => ({
          orgId,
          osmId: b.osm_id,
          name: b.name,
          level: b.level,
          parentOsmId: b.parent?.osm_id ?? null,
          geometry: b.geometry ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: [boundaries.orgId, boundaries.osmId],
        set: fromExcluded(boundaries, ['name', 'level', 'parentOsmId', 'geometry']),
      });
  }
  return { boundaries: all.length };
}
