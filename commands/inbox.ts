import type { Command } from '../src/core/command.ts';
import { buttons, heading, list, note } from '../src/core/reply.ts';
import { INBOX_DAYS } from '../src/rapidpro/sync/sync-inbox.ts';
import { listInbox } from '../src/db/queries/list-inbox.ts';

const SHOWN = 15;

/** `inbox` — what contacts in your regions wrote outside any poll in the last 7 days. */
export const inbox: Command = {
  name: 'inbox',
  role: 'supervisor',
  holds: 'contacts',
  section: 'messaging',
  samples: ['inbox'],
  async run(ctx) {
    const rows = await listInbox(ctx.services.sql, ctx.org.id, ctx.org.timezone, ctx.scope, SHOWN);
    if (rows.length === 0)
      return { direction: ctx.direction, blocks: [note(ctx.t('commands:inbox.none', { count: INBOX_DAYS }))] };
    const firstOfEach = [...new Map(rows.map((r) => [r.contactId, r])).values()].slice(0, 5);
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:inbox.title', { count: INBOX_DAYS })),
        list(
          // The contact's number, as reply <number> takes it: namesakes are told apart.
          rows.map(
            (r) =>
              `${r.contactId}. ${ctx.t(r.replied ? 'commands:inbox.lineReplied' : 'commands:inbox.line', {
                at: r.at,
                name: r.name ?? '?',
                region: r.region,
                text: r.text,
              })}`,
          ),
        ),
        note(ctx.t('commands:inbox.hint')),
        buttons(
          ...firstOfEach.map((r) => ({
            label: ctx.t('commands:inbox.replyTo', { name: r.name ?? '?' }),
            command: `reply #${r.contactId}`,
          })),
        ),
      ],
    };
  },
};
