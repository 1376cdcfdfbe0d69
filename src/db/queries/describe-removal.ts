// What taking polls, regions or reporter groups away from the org's choices would do, for the
// question `setup` asks first: the contacts who leave the figures, the supervisors who lose
// regions, and the history a poll keeps (it comes back if the poll is chosen again).
import type { Sql } from '../client.ts';

export interface Removal {
  /** Per item taken away: its name and the counts its sentence needs (contacts; or dates and responses). */
  items: { name: string; contacts?: number; dates?: number; responses?: number }[];
  /** Supervisors granted a region taken away: what they lose and what they keep. */
  supervisors: { user: string; lost: string[]; kept: string[] }[];
}

export async function describeRemoval(
  sql: Sql,
  orgId: number,
  part: 'polls' | 'regions' | 'reporters',
  removed: { uuid: string }[],
): Promise<Removal> {
  const uuids = removed.map((r) => r.uuid);
  if (part === 'polls') {
    const items = await sql<{ name: string; responses: number; dates: number }[]>`
      select p.name, count(r.id)::int as responses, count(distinct pr.id)::int as dates
      from polls p left join poll_runs pr on pr.poll_id = p.id left join responses r on r.poll_run_id = pr.id
      where p.org_id = ${orgId} and p.uuid = any(${uuids}::text[])
      group by p.id order by p.name`;
    return { items, supervisors: [] };
  }
  if (part === 'reporters') {
    const items = await sql<{ name: string; contacts: number }[]>`
      select g.name, count(c.id)::int as contacts
      from reporter_groups g left join contacts c on g.id = any(c.reporter_group_ids) and not c.is_deleted
      where g.org_id = ${orgId} and g.uuid = any(${uuids}::text[])
      group by g.id order by g.name`;
    return { items, supervisors: [] };
  }
  const items = await sql<{ name: string; contacts: number }[]>`
    select g.name, count(c.id)::int as contacts
    from regions g left join contacts c on c.region_id = g.id and not c.is_deleted
    where g.org_id = ${orgId} and g.uuid = any(${uuids}::text[])
    group by g.id order by g.name`;
  const supervisors = await sql<{ user: string; lost: string[]; kept: string[] }[]>`
    select coalesce(i.display_name, i.platform || ':' || i.external_id) as user,
           array_agg(g.name order by g.name) filter (where g.uuid = any(${uuids}::text[])) as lost,
           coalesce(array_agg(g.name order by g.name) filter (where not g.uuid = any(${uuids}::text[])), '{}') as kept
    from chat_identities i join identity_regions ir on ir.identity_id = i.id join regions g on g.id = ir.region_id
    where i.org_id = ${orgId} and g.is_active
    group by i.id
    having bool_or(g.uuid = any(${uuids}::text[]))
    order by 1`;
  return { items, supervisors };
}
