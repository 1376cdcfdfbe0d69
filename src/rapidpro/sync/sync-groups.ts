// Groups: RapidPro has no modified_on filter for groups, and there are few, so each sync reads
// them all, and keeps the list (what setup offers). Chosen regions and reporter groups follow
// renames; a group deleted in RapidPro deactivates its region or reporter group (kept, with its
// history).
import type { SyncDeps } from './sync-deps.ts';
import { syncSnapshot } from './sync-snapshot.ts';
import type { Counts } from './sync-window.ts';
import { collect } from '../collect.ts';
import { writeWorkspaceGroups } from '../../db/queries/write-workspace-lists.ts';

export async function syncGroups(deps: SyncDeps, orgId: number): Promise<Counts> {
  return syncSnapshot({ ...deps, orgId, entity: 'groups' }, () => mirrorGroups(deps, orgId));
}

async function mirrorGroups(deps: SyncDeps, orgId: number): Promise<Counts> {
  const rapidpro = await deps.rapidproFor(orgId);
  const groups = await collect(rapidpro.groups());
  await writeWorkspaceGroups(deps.sql, orgId, groups);
  const uuids = groups.map((g) => g.uuid);
  const names = groups.map((g) => g.name);
  let changed = 0;
  for (const table of ['regions', 'reporter_groups'] as const) {
    const renamed = await deps.sql`
      update ${deps.sql(table)} t set name = g.name
      from unnest(${uuids}::text[], ${names}::text[]) as g(uuid, name)
      where t.org_id = ${orgId} and t.uuid = g.uuid and t.name <> g.name`;
    const gone = await deps.sql`
      update ${deps.sql(table)} set is_active = false
      where org_id = ${orgId} and is_active and not (uuid = any(${uuids}))`;
    changed += renamed.count + gone.count;
  }
  // RapidPro's system groups (Active, Blocked…) are no choice an admin makes: not counted.
  return { groups: groups.filter((g) => !g.system).length, changed };
}
