import type { CommandContext } from '../core/command.ts';
import { UserError } from '../core/user-error.ts';
import { limitToScope } from '../db/limit-to-scope.ts';

export interface FoundContact {
  id: number;
  uuid: string;
  name: string | null;
  groupUuids: string[];
  fields: Record<string, unknown>;
}

/** One contact in the user's scope, by `#id` or phone number; anything else is a UserError. */
export async function findContact(ctx: CommandContext, query: string | undefined): Promise<FoundContact> {
  if (!query) throw new UserError('errors.missingContact', {}, true);
  const { sql } = ctx.services;
  const byId = /^#(\d{1,9})$/.exec(query);
  const digits = query.replace(/\D/g, '');
  if (!byId && digits.length < 4) throw new UserError('errors.contactByIdOrPhone', { query });
  const rows = await sql<FoundContact[]>`
    select c.id, c.uuid, c.name, c.group_uuids as "groupUuids", c.fields from contacts c
    where c.org_id = ${ctx.org.id} and not c.is_deleted
      ${limitToScope(sql, ctx.scope, 'c.region_id')}
      and ${byId ? sql`c.id = ${Number(byId[1])}` : sql`exists (select 1 from unnest(c.urns) u where regexp_replace(u, '\\D', '', 'g') like ${'%' + digits})`}
    limit 2`;
  if (rows.length === 0) throw new UserError('errors.contactNotFound', { query });
  if (rows.length > 1) throw new UserError('errors.contactAmbiguous', { query });
  return rows[0]!;
}
