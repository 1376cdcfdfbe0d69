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

/** Makes workspace_groups exactly `groups` (smart and system ones marked). */
export async function writeWorkspaceGroups(sql: Sql, orgId: number, groups: ListedGroup[]): Promise<void> {
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
}

/** Makes workspace_flows exactly `flows` (archived ones marked: setup does not offer them). */
export async function writeWorkspaceFlows(sql: Sql, orgId: number, flows: ListedFlow[]): Promise<void> {
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
  });
}
