import type { Sql } from '../client.ts';
import type { Platform } from '../schema/chat.ts';

export interface Supervisor {
  /** The chat identity's id. */
  id: number;
  /** The regions granted, by name. */
  regions: { id: number; name: string }[];
}

/** A supervisor of the org by chat user, with the regions they are granted; null when there is none. */
export async function findSupervisor(
  sql: Sql,
  orgId: number,
  platform: Platform,
  externalId: string,
): Promise<Supervisor | null> {
  const [row] = await sql<Supervisor[]>`
    select i.id, coalesce(json_agg(json_build_object('id', g.id, 'name', g.name) order by g.name) filter (where g.id is not null), '[]') as regions
    from chat_identities i left join identity_regions ir on ir.identity_id = i.id left join regions g on g.id = ir.region_id
    where i.org_id = ${orgId} and i.platform = ${platform} and i.external_id = ${externalId} and i.role = 'supervisor'
    group by i.id`;
  return row ?? null;
}
