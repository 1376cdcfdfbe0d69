import type { Command } from '../src/core/command.ts';
import { pageButtons, readPage } from '../src/core/paging.ts';
import { buttons, heading, list, note, type Block } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';
import { limitToScope } from '../src/db/limit-to-scope.ts';

const PAGE = 25;
const MAX_DAYS = 366;

/**
 * `audit [days]` — who started which poll, messaged which cohort, edited which contact, changed
 * which setting: the org's audit log, newest first, a page at a time.
 */
export const audit: Command = {
  name: 'audit',
  role: 'admin',
  holds: 'personal',
  samples: ['audit 7'],
  async run(ctx, args) {
    const { page, words } = readPage(args);
    const days = words[0] === undefined ? 7 : Number(words[0]);
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
      throw new UserError('errors.badDays', { max: MAX_DAYS }, true);
    const since = new Date(ctx.services.now().getTime() - days * 86_400_000).toISOString();
    const rows = await ctx.services.sql<
      { at: string; who: string | null; action: string; target: string | null; details: Record<string, unknown> }[]
    >`
      select to_char(a.at at time zone ${ctx.org.timezone}, 'YYYY-MM-DD HH24:MI') as at,
             coalesce(i.display_name, i.platform || ':' || i.external_id) as who, a.action, a.details,
             -- What was acted on, by name: the poll, the contact (by id or uuid), a message's number.
             case
               when a.target ~ '^poll:[0-9]+$' then (select p.name from polls p where p.id = split_part(a.target, ':', 2)::int)
               when a.target ~ '^contact:[0-9]+$' then (select coalesce(c.name, c.urns[1]) from contacts c
                 where c.id = split_part(a.target, ':', 2)::int ${limitToScope(ctx.services.sql, ctx.scope, 'c.region_id')})
               when a.target like 'contact:%' then (select coalesce(c.name, c.urns[1]) from contacts c
                 where c.org_id = a.org_id and c.uuid = split_part(a.target, ':', 2) ${limitToScope(ctx.services.sql, ctx.scope, 'c.region_id')})
               when a.target ~ '^message:[0-9]+$' then '#' || split_part(a.target, ':', 2)
               else a.target
             end as target
      from audit_log a left join chat_identities i on i.id = a.identity_id
      where a.org_id = ${ctx.org.id} and a.at >= ${since}
      order by a.at desc, a.id desc
      offset ${(page - 1) * PAGE} limit ${PAGE + 1}`;
    if (rows.length === 0)
      return { direction: ctx.direction, blocks: [note(ctx.t('commands:audit.none', { count: days }))] };
    const shown = rows.slice(0, PAGE);
    const blocks: Block[] = [
      heading(ctx.t('commands:audit.title', { count: days })),
      list(
        shown.map((r) =>
          ctx.t('commands:audit.line', {
            at: r.at,
            who: r.who ?? '—',
            // Actions read as words where a translation exists, else as recorded.
            action: ctx.t(`commands:audit.action_${r.action.replace(/\./g, '_')}`, { defaultValue: r.action }),
            target: r.target ?? '—',
            details: describe(r.details),
          }),
        ),
      ),
    ];
    const more = pageButtons(ctx, `audit ${days}`, page, rows.length > PAGE);
    if (more.length > 0) blocks.push(buttons(...more));
    return { direction: ctx.direction, blocks, private: true };
  },
};

/** An entry's details as `key: value` words (lists joined), never JSON; never tokens (none are recorded). */
function describe(details: Record<string, unknown>): string {
  const say = (value: unknown): string =>
    Array.isArray(value)
      ? value.map(say).join(', ')
      : value && typeof value === 'object'
        ? Object.entries(value)
            .map(([k, v]) => `${k} ${say(v)}`)
            .join(', ')
        : String(value);
  const parts = Object.entries(details).map(([key, value]) => `${key}: ${say(value)}`);
  const text = parts.join(' · ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
