// What the workspace offers an admin to choose from, as last read from RapidPro: its flows (as
// polls) and its contact groups (as regions and reporter groups). Archived flows, smart groups
// (a query over fields, not memberships an admin arranges) and RapidPro's system groups are not
// offered.
import type { Sql } from '../client.ts';

export type OfferedKind = 'flows' | 'groups';

export interface Offered {
  uuid: string;
  name: string;
}

export function listOffered(sql: Sql, orgId: number, kind: OfferedKind): Promise<Offered[]> {
  return kind === 'flows'
    ? sql<Offered[]>`
        select uuid, name from workspace_flows where org_id = ${orgId} and not is_archived order by name, uuid`
    : sql<Offered[]>`
        select uuid, name from workspace_groups
        where org_id = ${orgId} and not is_smart and not is_system order by name, uuid`;
}
