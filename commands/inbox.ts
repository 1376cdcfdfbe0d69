import type { Command } from '../src/core/command.ts';
import { buttons, heading, list, note } from '../src/core/reply.ts';
import { INBOX_DAYS } from '../src/rapidpro/sync/sync-inbox.ts';
import { limitToScope } from '../src/db/limit-to-scope.ts';

const SHOWN = 15;

/** `inbox` — what contacts in your regions wrote outside any poll in the last 7 days. */
export const inbox: Command = {
  name: 'inbox',
  role: 'supervisor',
  holds: 'contacts',
  section: 'messaging',
  samples: ['inbox'],
  async run(ctx) {
    const { sql } = ctx.services;
    const rows = await sql<
      { contactId: number; name: string | null; region: string; text: string; at: string; replied: boolean }[]
    >`
      select c.id as "contactId", c.name, g.name as region, m.text, m.replied_at is not null as replied,
             to_char(m.created_on at time zone ${ctx.org.timezone}, 'YYYY-MM-DD HH24:MI') as at
      from inbox_messages m join contacts c on c.id = m.contact_id join regions g on g.id = c.region_id
      where m.org_id = ${ctx.org.id}
        ${limitToScope(sql, ctx.scope, 'c.region_id')}
      order by m.created_on desc limit ${SHOWN}`;
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
