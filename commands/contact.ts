import type { Command, CommandContext } from '../src/core/command.ts';
import { buttons, fields, heading, list, note, type Reply } from '../src/core/reply.ts';
import { addContact, editContact, removeContact } from '../src/contacts/change-contact.ts';
import { listContactPolls, loadContact } from '../src/db/queries/load-contact.ts';
import { languageName } from '../src/domain/language-name.ts';
import {
  CONTACT_CHOICES,
  contactNotFound,
  describeChoice,
  isNamed,
  searchContacts,
} from '../src/contacts/find-contact.ts';

/**
 * `contact <name or phone>` — a contact's region, reporter group, language, and participation in
 * every poll. Several matches are offered as buttons. `contact add|edit|remove …` changes contacts
 * (TracPro's contact management): shown at once, pushed to RapidPro in the background.
 */
export const contact: Command = {
  name: 'contact',
  role: 'supervisor',
  holds: 'contacts',
  section: 'contacts',
  samples: [
    'contact Kampala',
    'contact #1',
    'contact add "Sample Person" +256700999001 Kampala Teachers',
    'contact edit #1 name=Renamed',
    'contact remove #1',
  ],
  async run(ctx, args) {
    const [first, ...rest] = args;
    if (first === 'add') return addContact(ctx, rest);
    if (first === 'edit') return editContact(ctx, rest);
    if (first === 'remove') return removeContact(ctx, rest);
    const query = args.join(' ').trim();
    const matches = await searchContacts(ctx, query);
    if (matches.length === 0) throw await contactNotFound(ctx, query);
    const exact = matches.filter((m) => isNamed(m, query));
    if (matches.length > 1 && exact.length !== 1) {
      return {
        direction: ctx.direction,
        blocks: [
          heading(ctx.t('commands:contact.several', { query })),
          buttons(
            ...matches
              .slice(0, CONTACT_CHOICES)
              .map((m) => ({ label: describeChoice(m), command: `contact #${m.id}` })),
          ),
          ...(matches.length > CONTACT_CHOICES ? [note(ctx.t('commands:contact.narrow'))] : []),
        ],
      };
    }
    return describe(ctx, (exact[0] ?? matches[0]!).id);
  },
};

async function describe(ctx: CommandContext, id: number): Promise<Reply> {
  const { sql } = ctx.services;
  const c = await loadContact(sql, id, ctx.scope);
  const polls = await listContactPolls(sql, id);
  const none = ctx.t('commands:setup.none');
  return {
    direction: ctx.direction,
    blocks: [
      // The #id is what `reply`, `contact edit` and `contact remove` take to name this contact exactly.
      heading(`${c!.name ?? c!.urns[0] ?? '?'} · #${id}`),
      fields([
        {
          label: ctx.t('commands:contact.phone'),
          value: c!.urns.map((u) => u.replace(/^[a-z]+:/, '')).join(', ') || none,
        },
        { label: ctx.t('commands:whoami.regions'), value: c!.region },
        { label: ctx.t('commands:contact.group'), value: c!.group ?? none },
        { label: ctx.t('commands:whoami.language'), value: c!.language ? languageName(c!.language, ctx.lng) : none },
        { label: ctx.t('commands:contact.status'), value: ctx.t(`commands:contact.status_${c!.status}`) },
        ...(typeof c!.fields.facility === 'string'
          ? [{ label: ctx.t('commands:contact.facility'), value: c!.fields.facility }]
          : []),
      ]),
      heading(ctx.t('commands:contact.participation')),
      polls.length > 0
        ? list(
            polls.map((p) =>
              ctx.t('commands:contact.pollLine', { poll: p.poll, complete: p.complete, asked: p.asked, last: p.last }),
            ),
          )
        : note(ctx.t('commands:contact.neverAsked')),
    ],
  };
}
