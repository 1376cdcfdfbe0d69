import type { CommandContext } from '../core/command.ts';
import { UserError } from '../core/user-error.ts';
import { limitToScope } from '../db/limit-to-scope.ts';

export interface FoundContact {
  id: number;
  uuid: string;
  name: string | null;
  groupUuids: string[];
  fields: Record<string, unknown>;
  /** First URN and region name: what tells two people of one name apart in a choice list. */
  urn: string | null;
  region: string | null;
}

/** How many matches a choice list offers; one more is fetched to know there are more. */
export const CONTACT_CHOICES = 10;

/**
 * Contacts in the user's scope by `#id`, phone number (4 digits or more, matched at the end) or
 * name (any part of it). An exact name match comes first, so "Agnes Nakato" finds her even when
 * "Agnes Nakato Mirembe" exists too.
 */
export async function searchContacts(ctx: CommandContext, query: string | undefined): Promise<FoundContact[]> {
  if (!query) throw new UserError('errors.missingContact', {}, true);
  const { sql } = ctx.services;
  const byId = /^#(\d{1,9})$/.exec(query);
  const digits = query.replace(/\D/g, '');
  const byPhone = !byId && digits.length >= 4 && !/\p{L}/u.test(query);
  return sql<FoundContact[]>`
    select c.id, c.uuid, c.name, c.group_uuids as "groupUuids", c.fields, c.urns[1] as urn, g.name as region
    from contacts c left join regions g on g.id = c.region_id
    where c.org_id = ${ctx.org.id} and not c.is_deleted
      ${limitToScope(sql, ctx.scope, 'c.region_id')}
      and ${
        byId
          ? sql`c.id = ${Number(byId[1])}`
          : byPhone
            ? sql`exists (select 1 from unnest(c.urns) u where regexp_replace(u, '\\D', '', 'g') like ${'%' + digits})`
            : sql`c.name ilike ${'%' + query.replace(/[%_\\]/g, '\\$&') + '%'}`
      }
    order by lower(c.name) = lower(${query}) desc, c.name, c.id
    limit ${CONTACT_CHOICES + 1}`;
}

/** One contact in the user's scope (see searchContacts); none or several is a UserError. */
export async function findContact(ctx: CommandContext, query: string | undefined): Promise<FoundContact> {
  const rows = await searchContacts(ctx, query);
  if (rows.length === 0) throw new UserError('errors.contactNotFound', { query });
  const exact = rows.filter((r) => r.name !== null && r.name.toLowerCase() === query!.toLowerCase());
  if (rows.length > 1 && exact.length !== 1) throw new UserError('errors.contactAmbiguous', { query });
  return exact.length === 1 ? exact[0]! : rows[0]!;
}
