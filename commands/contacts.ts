import type { Command } from '../src/core/command.ts';
import { pageButtons, readPage } from '../src/core/paging.ts';
import { buttons, heading, list, note } from '../src/core/reply.ts';
import { narrowScope, resolveRegion } from '../src/core/resolve.ts';
import { listContactParticipation } from '../src/db/queries/list-contact-participation.ts';

const PAGE_SIZE = 30;

/**
 * `contacts [region]` — TracPro's "participation of every contact in all polls": each contact
 * in scope with how many poll runs they completed of those they were asked.
 */
export const contacts: Command = {
  name: 'contacts',
  role: 'supervisor',
  holds: 'contacts',
  section: 'contacts',
  samples: ['contacts Kampala', 'contacts Kampala --page=2'],
  async run(ctx, args) {
    const { page, words } = readPage(args);
    const region = words.length > 0 ? resolveRegion(ctx, words.join(' ')) : null;
    const scope = narrowScope(ctx, region);
    const rows = await listContactParticipation(ctx.services.sql, ctx.org.id, scope, {
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE + 1,
    });
    const base = `contacts${region ? ` #${region.id}` : ''}`;
    const nav = pageButtons(ctx, base, page, rows.length > PAGE_SIZE);
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:contacts.title', { region: region?.name ?? ctx.org.name })),
        rows.length > 0
          ? list(
              // The number before each name tells namesakes apart, and contact <number> takes it.
              rows.slice(0, PAGE_SIZE).map(
                (r) =>
                  `${r.id}. ${ctx.t('commands:contacts.line', {
                    name: r.name ?? r.urn ?? '?',
                    region: r.region,
                    complete: r.complete,
                    asked: r.asked,
                  })}`,
              ),
            )
          : note(ctx.t('commands:contacts.none')),
        ...(rows.length > 0 ? [note(ctx.t('commands:contacts.hint'))] : []),
        note(ctx.t('commands:nonrespondents.page', { page })),
        ...(nav.length > 0 ? [buttons(...nav)] : []),
      ],
    };
  },
};
