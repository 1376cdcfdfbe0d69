// The one way every command finds a contact someone names: `#id`, a phone number (its last four
// digits or more) or a name or part of it, ignoring case, accents and the Arabic letters written
// several ways (fold_name in the database, `fold` here). Only contacts in the user's scope, and
// in a region, are found. Nothing found: the closest names in scope are offered instead.
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../core/user-error.ts';
import { limitToScope } from '../db/limit-to-scope.ts';
import { fold } from '../domain/match-name.ts';

export interface FoundContact {
  id: number;
  uuid: string;
  name: string | null;
  status: string;
  groupUuids: string[];
  fields: Record<string, unknown>;
  /** First URN and region name: what tells two people of one name apart in a choice list. */
  urn: string | null;
  region: string;
}

/** How many matches a choice list offers; one more is fetched to know there are more. */
export const CONTACT_CHOICES = 10;

/** A bare number: the one lists print before a name ("154. Chantal Lefèvre"), or a phone's digits. */
const LISTED = /^(\d{1,9})\.?$/;

/** How close a name must be to be offered as "did you mean" (pg_trgm's word similarity). */
const CLOSE_ENOUGH = 0.5;

export interface ContactSearch {
  /** Only contacts RapidPro may message (not blocked, stopped or archived). */
  active?: boolean;
}

/**
 * Contacts in the user's scope matching `query`. An exact name comes first, so "Agnes Nakato"
 * finds her even when "Agnes Nakato Mirembe" exists too.
 */
export async function searchContacts(
  ctx: CommandContext,
  query: string | undefined,
  options: ContactSearch = {},
): Promise<FoundContact[]> {
  if (!query?.trim()) throw new UserError('errors.missingContact', {}, true);
  const { sql } = ctx.services;
  const byId = /^#(\d{1,9})$/.exec(query.trim());
  const listed = LISTED.exec(query.trim());
  const digits = query.replace(/\D/g, '');
  const byPhone = !byId && digits.length >= 4 && !/\p{L}/u.test(query);
  const pattern = `%${query.trim().replace(/[%_\\]/g, '\\$&')}%`;
  return sql<FoundContact[]>`
    select c.id, c.uuid, c.name, c.status, c.group_uuids as "groupUuids", c.fields, c.urns[1] as urn, g.name as region
    from contacts c join regions g on g.id = c.region_id
    where c.org_id = ${ctx.org.id} and not c.is_deleted
      ${options.active ? sql`and c.status = 'active'` : sql``}
      ${limitToScope(sql, ctx.scope, 'c.region_id')}
      and ${
        byId
          ? sql`c.id = ${Number(byId[1])}`
          : byPhone || listed
            ? sql`(${listed ? sql`c.id = ${Number(listed[1])}` : sql`false`} or ${
                byPhone
                  ? sql`exists (select 1 from unnest(c.urns) u where regexp_replace(u, '\\D', '', 'g') like ${'%' + digits + '%'})`
                  : sql`false`
              })`
            : sql`fold_name(c.name) like fold_name(${pattern})`
      }
    order by ${listed ? sql`c.id = ${Number(listed[1])} desc,` : sql``} fold_name(c.name) = fold_name(${query.trim()}) desc, c.name, c.id
    limit ${CONTACT_CHOICES + 1}`;
}

/** Names in scope close to `query` (a letter or two off), closest first. */
async function suggestContacts(
  ctx: CommandContext,
  query: string,
  options: ContactSearch = {},
): Promise<FoundContact[]> {
  const { sql } = ctx.services;
  return sql<FoundContact[]>`
    select c.id, c.uuid, c.name, c.status, c.group_uuids as "groupUuids", c.fields, c.urns[1] as urn, g.name as region
    from contacts c join regions g on g.id = c.region_id
    where c.org_id = ${ctx.org.id} and not c.is_deleted and c.name is not null
      ${options.active ? sql`and c.status = 'active'` : sql``}
      ${limitToScope(sql, ctx.scope, 'c.region_id')}
      and word_similarity(fold_name(${query}), fold_name(c.name)) >= ${CLOSE_ENOUGH}
    order by word_similarity(fold_name(${query}), fold_name(c.name)) desc, c.name, c.id
    limit 3`;
}

/** The error for a name that matched no one: with the closest names, if any, to pick from. */
export async function contactNotFound(
  ctx: CommandContext,
  query: string,
  options: ContactSearch = {},
): Promise<UserError> {
  const close = /\p{L}/u.test(query) ? await suggestContacts(ctx, query, options) : [];
  return close.length > 0
    ? new UserError('errors.contactNotFoundSuggest', { query, suggestions: close.map(describeChoice).join('; ') })
    : new UserError('errors.contactNotFound', { query });
}

/** One contact (see searchContacts); none or several is a UserError saying what to type. */
export async function findContact(
  ctx: CommandContext,
  query: string | undefined,
  options: ContactSearch = {},
): Promise<FoundContact> {
  const rows = await searchContacts(ctx, query, options);
  if (rows.length === 0) throw await contactNotFound(ctx, query!, options);
  const exact = rows.filter((r) => isNamed(r, query!));
  if (rows.length > 1 && exact.length !== 1)
    throw new UserError('errors.contactAmbiguous', { query, choices: rows.slice(0, 3).map(describeChoice).join('; ') });
  return exact.length === 1 ? exact[0]! : rows[0]!;
}

/**
 * Whether the contact is exactly what was typed: their name (as the search compares names), or
 * the number a list printed before it, which beats a phone number that merely contains it.
 */
export function isNamed(contact: { id: number; name: string | null }, query: string): boolean {
  if (contact.id === Number(LISTED.exec(query.trim())?.[1])) return true;
  return contact.name !== null && fold(contact.name) === fold(query);
}

/** A choice's label: the name, then the region, phone and #id that tell namesakes apart. */
export function describeChoice(c: Pick<FoundContact, 'id' | 'name' | 'urn' | 'region'>): string {
  const phone = phoneOf(c.urn);
  return `${c.name ?? phone ?? '?'} (${[c.region, c.name ? phone : null, `#${c.id}`].filter(Boolean).join(', ')})`;
}

export function phoneOf(urn: string | null): string | null {
  return urn ? urn.replace(/^[a-z]+:/, '') : null;
}
