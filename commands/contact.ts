import type { Command, CommandContext } from '../src/core/command.ts';
import { buttons, fields, heading, list, note, type Reply } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';
import { addContact, editContact, removeContact } from '../src/contacts/change-contact.ts';
import { limitToScope } from '../src/db/limit-to-scope.ts';

const CHOICES = 10;

/**
 * `contact <name or phone>` — a contact's region, reporter group, language, and participation in
 * every poll. Several matches are offered as buttons. `contact add|edit|remove …` changes contacts
 * (TracPro's contact management): shown at once, pushed to RapidPro in the background.
 */
export const contact: Command = {
  name: 'contact',
  role: 'supervisor',
  async run(ctx, args) {
    const [first, ...rest] = args;
    if (first === 'add') return addContact(ctx, rest);
    if (first === 'edit') return editContact(ctx, rest);
    if (first === 'remove') return removeContact(ctx, rest);
    const query = args.join(' ').trim();
    if (!query) throw new UserError('errors.missingContact', {}, true);
    const { sql } = ctx.services;
    const byId = /^#(\d{1,9})$/.exec(query);
    const digits = query.replace(/[^\d]/g, '');
    const matches = await sql<{ id: number; name: string | null; urn: string | null; region: string }[]>`
      select c.id, c.name, c.urns[1] as urn, g.name as region
      from contacts c join regions g on g.id = c.region_id
      where c.org_id = ${ctx.org.id} and not c.is_deleted
        ${limitToScope(sql, ctx.scope, 'c.region_id')}
        and ${
          byId
            ? sql`c.id = ${Number(byId[1])}`
            : digits.length >= 4
              ? sql`exists (select 1 from unnest(c.urns) u where regexp_replace(u, '\\D', '', 'g') like ${'%' + digits + '%'})`
              : sql`c.name ilike ${'%' + query.replace(/[%_\\]/g, '\\$&') + '%'}`
        }
      order by c.name limit ${CHOICES + 1}`;
    if (matches.length === 0) throw new UserError('errors.contactNotFound', { query });
    if (matches.length > 1) {
      return {
        direction: ctx.direction,
        blocks: [
          heading(ctx.t('commands:contact.several', { query })),
          buttons(...matches.slice(0, CHOICES).map((m) => ({ label: `${m.name ?? m.urn} (${m.region})`, command: `contact #${m.id}` }))),
          ...(matches.length > CHOICES ? [note(ctx.t('commands:contact.narrow'))] : []),
        ],
      };
    }
    return describe(ctx, matches[0]!.id);
  },
};

async function describe(ctx: CommandContext, id: number): Promise<Reply> {
  const { sql } = ctx.services;
  const [c] = await sql<{ name: string | null; urns: string[]; language: string | null; status: string; region: string; group: string | null; fields: Record<string, unknown> }[]>`
    select c.name, c.urns, c.language, c.status, g.name as region,
           (select string_agg(rg.name, ', ' order by rg.name) from reporter_groups rg where rg.id = any(c.reporter_group_ids)) as group, c.fields
    from contacts c join regions g on g.id = c.region_id
    where c.id = ${id}`;
  const polls = await sql<{ poll: string; asked: number; complete: number; last: string }[]>`
    select p.name as poll, count(*)::int as asked, count(*) filter (where r.status = 'complete')::int as complete, max(pr.day)::text as last
    from responses r join poll_runs pr on pr.id = r.poll_run_id join polls p on p.id = pr.poll_id
    where r.contact_id = ${id} group by p.name order by p.name`;
  const none = ctx.t('commands:setup.none');
  return {
    direction: ctx.direction,
    blocks: [
      heading(c!.name ?? c!.urns[0] ?? '?'),
      fields([
        { label: ctx.t('commands:contact.phone'), value: c!.urns.map((u) => u.replace(/^[a-z]+:/, '')).join(', ') || none },
        { label: ctx.t('commands:whoami.regions'), value: c!.region },
        { label: ctx.t('commands:contact.group'), value: c!.group ?? none },
        { label: ctx.t('commands:whoami.language'), value: c!.language ?? none },
        { label: ctx.t('commands:contact.status'), value: ctx.t(`commands:contact.status_${c!.status}`) },
        ...(typeof c!.fields.facility === 'string' ? [{ label: ctx.t('commands:contact.facility'), value: c!.fields.facility }] : []),
      ]),
      heading(ctx.t('commands:contact.participation')),
      polls.length > 0
        ? list(polls.map((p) => ctx.t('commands:contact.pollLine', { poll: p.poll, complete: p.complete, asked: p.asked, last: p.last })))
        : note(ctx.t('commands:contact.neverAsked')),
    ],
  };
}
