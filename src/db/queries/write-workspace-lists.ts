// The workspace's groups and flows, as RapidPro lists them, kept whole in the mirror: setup
// offers and matches names from here, so an admin never waits on RapidPro to choose. Written by
// the groups and flows syncs, and by setup itself when a name is not known yet.
import type { Sql } from '../client.ts';

interface ListedGroup {
  uuid: string;
  name: string;
  query?: string | null;
  system: boolean;
}

interface ListedFlow {
  uuid: string;
  name: string;
  archived: boolean;
}

/** Makes workspace_groups exactly `groups`; returns how many an admin could choose (neither smart nor system). */
export async function writeWorkspaceGroups(sql: Sql, orgId: number, groups: ListedGroup[]): Promise<number> {
  await sql.begin(async (tx) => {
    await tx`
      insert into workspace_groups (org_id, uuid, name, is_smart, is_system, seen_at)
      select ${orgId}, g.uuid, g.name, g.smart, g.system, now()
      from jsonb_to_recordset(${JSON.stringify(groups.map((g) => ({ uuid: g.uuid, name: g.name, smart: Boolean(g.query), system: g.system })))}::jsonb)
        as g(uuid text, name text, smart bool, system bool)
      on conflict (org_id, uuid) do update
        set name = excluded.name, is_smart = excluded.is_smart, is_system = excluded.is_system, seen_at = excluded.seen_at`;
    await tx`delete from workspace_groups where org_id = ${orgId} and not (uuid = any(${groups.map((g) => g.uuid)}::text[]))`;
  });
  return groups.filter((g) => !g.query && !g.system).length;
}

/**
 * Makes workspace_flows exactly `flows`, and marks the org's polls archived as their flows are
 * (a poll whose flow is gone from RapidPro counts as archived). Returns the flows not archived.
 */
export async function writeWorkspaceFlows(sql: Sql, orgId: number, flows: ListedFlow[]): Promise<number> {
  const uuids = flows.map((f) => f.uuid);
  await sql.begin(async (tx) => {
    await tx`
      insert into workspace_flows (org_id, uuid, name, is_archived, seen_at)
      select ${orgId}, f.uuid, f.name, f.archived, now()
      from jsonb_to_recordset(${JSON.stringify(flows.map((f) => ({ uuid: f.uuid, name: f.name, archived: f.archived })))}::jsonb)
        as f(uuid text, name text, archived bool)
      on conflict (org_id, uuid) do update
        set name = excluded.name, is_archived = excluded.is_archived, seen_at = excluded.seen_at`;
    await tx`delete from workspace_flows where org_id = ${orgId} and not (uuid = any(${uuids}::text[]))`;
    await tx`
      update polls p set is_archived = coalesce(f.is_archived, true)
      from polls q left join workspace_flows f on f.org_id = q.org_id and f.uuid = q.uuid
      where p.id = q.id and p.org_id = ${orgId} and p.is_archived is distinct from coalesce(f.is_archived, true)`;
  });
  return flows.filter((f) => !f.archived).length;
}
