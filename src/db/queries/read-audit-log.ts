// What `audit` shows: the org's audit log, a page at a time, with what each entry acted on and
// the RapidPro uuids its details hold said by name. Audit is for admins, whose scope is the whole
// workspace; contacts are still named only within the scope.
import type { Sql } from '../client.ts';
import type { Scope } from '../../core/command.ts';
import { limitToScope } from '../limit-to-scope.ts';

export interface AuditEntryRow {
  /** `YYYY-MM-DD HH24:MI` in the org's time zone. */
  at: string;
  who: string | null;
  action: string;
  /** What was acted on, by name: the poll, the contact (by id or uuid), a message's number. */
  target: string | null;
  details: Record<string, unknown>;
}

/** Entries since a moment, newest first. */
export async function listAuditEntries(
  sql: Sql,
  orgId: number,
  timezone: string,
  since: string,
  scope: Scope,
  page: { offset: number; limit: number },
): Promise<AuditEntryRow[]> {
  return sql<AuditEntryRow[]>`
      select to_char(a.at at time zone ${timezone}, 'YYYY-MM-DD HH24:MI') as at,
             coalesce(i.display_name, i.platform || ':' || i.external_id) as who, a.action, a.details,
             -- What was acted on, by name: the poll, the contact (by id or uuid), a message's number.
             case
               when a.target ~ '^(console|slack|telegram):' then coalesce((select p.display_name from chat_identities p
                 where p.org_id = a.org_id and p.platform || ':' || p.external_id = a.target), a.target)
               when a.target ~ '^poll:[0-9]+$' then (select p.name from polls p where p.id = split_part(a.target, ':', 2)::int)
               when a.target ~ '^contact:[0-9]+$' then (select coalesce(c.name, c.urns[1]) from contacts c
                 where c.id = split_part(a.target, ':', 2)::int ${limitToScope(sql, scope, 'c.region_id')})
               when a.target like 'contact:%' then (select coalesce(c.name, c.urns[1]) from contacts c
                 where c.org_id = a.org_id and c.uuid = split_part(a.target, ':', 2) ${limitToScope(sql, scope, 'c.region_id')})
               when a.target ~ '^message:[0-9]+$' then '#' || split_part(a.target, ':', 2)
               else a.target
             end as target
      from audit_log a left join chat_identities i on i.id = a.identity_id
      where a.org_id = ${orgId} and a.at >= ${since}
      order by a.at desc, a.id desc
      offset ${page.offset} limit ${page.limit}`;
}

/** The names of RapidPro uuids (regions, reporter groups, polls, contacts in scope), by uuid. */
export async function nameUuids(sql: Sql, orgId: number, uuids: string[], scope: Scope): Promise<Map<string, string>> {
  const rows = await sql<{ uuid: string; name: string }[]>`
    select uuid, name from regions where org_id = ${orgId} and uuid = any(${uuids})
    union all select uuid, name from reporter_groups where org_id = ${orgId} and uuid = any(${uuids})
    union all select uuid, name from polls where org_id = ${orgId} and uuid = any(${uuids})
    union all select c.uuid, coalesce(c.name, c.urns[1]) from contacts c
      where c.org_id = ${orgId} and c.uuid = any(${uuids}) ${limitToScope(sql, scope, 'c.region_id')}`;
  return new Map(rows.map((r) => [r.uuid, r.name]));
}
