import type { Sql } from '../client.ts';
import type { Platform } from '../schema/chat.ts';

export interface SupervisorRow {
  platform: Platform;
  /** The platform's user id. */
  external: string;
  /** The regions granted, by name; null for none. */
  regions: string[] | null;
}

/** The org's supervisors and the regions each supervises, by platform and user id. */
export async function listSupervisors(sql: Sql, orgId: number): Promise<SupervisorRow[]> {
  return sql<SupervisorRow[]>`
    select i.platform, i.external_id as external, array_agg(g.name order by g.name) filter (where g.id is not null) as regions
    from chat_identities i left join identity_regions ir on ir.identity_id = i.id left join regions g on g.id = ir.region_id
    where i.org_id = ${orgId} and i.role = 'supervisor'
    group by i.id order by i.platform, i.external_id`;
}
