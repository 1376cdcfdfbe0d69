import type { Command, CommandContext } from '../src/core/command.ts';
import { sayStored } from '../src/core/i18n.ts';
import { pageButtons, readPage } from '../src/core/paging.ts';
import { buttons, heading, list, note, type Block } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';
import { listAuditEntries, nameUuids } from '../src/db/queries/read-audit-log.ts';

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
    const rows = await listAuditEntries(ctx.services.sql, ctx.org.id, ctx.org.timezone, since, ctx.scope, {
      offset: (page - 1) * PAGE,
      limit: PAGE + 1,
    });
    if (rows.length === 0)
      return { direction: ctx.direction, blocks: [note(ctx.t('commands:audit.none', { count: days }))] };
    const shown = rows.slice(0, PAGE);
    const names = await namesOfUuids(
      ctx,
      shown.map((r) => r.details),
    );
    const blocks: Block[] = [
      heading(ctx.t('commands:audit.title', { count: days })),
      list(
        shown.map((r) =>
          ctx.t('commands:audit.line', {
            at: r.at,
            who: r.who ?? '—',
            // Actions read as words where a translation exists, else as recorded.
            action: sayStored(ctx.t, `commands:audit.action_${r.action.replace(/\./g, '_')}`, r.action),
            target:
              r.action === 'setup.change' && r.target
                ? sayStored(ctx.t, `commands:audit.part_${r.target}`, r.target)
                : (r.target ?? '—'),
            details: describe(ctx, r.details, names),
          }),
        ),
      ),
    ];
    const more = pageButtons(ctx, `audit ${days}`, page, rows.length > PAGE);
    if (more.length > 0) blocks.push(buttons(...more));
    return { direction: ctx.direction, blocks, private: true };
  },
};

/** Details recorded as keys, and where their words are. */
const WORDS: Record<string, string> = {
  cohort: 'commands:message.cohort_',
  role: 'commands:whoami.role_',
  kind: 'commands:audit.kind_',
  reason: 'commands:audit.reason_',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The names of the RapidPro uuids entries hold (groups, contacts, polls), to show instead of them. */
async function namesOfUuids(ctx: CommandContext, details: Record<string, unknown>[]): Promise<Map<string, string>> {
  const uuids = [...new Set(JSON.stringify(details).match(/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi) ?? [])];
  if (uuids.length === 0) return new Map();
  return nameUuids(ctx.services.sql, ctx.org.id, uuids, ctx.scope);
}

/**
 * An entry's details as `key: value` words (lists joined), never JSON; never tokens (none are
 * recorded). Internal numbers are left out or named (a region id by its name, older entries
 * included), and RapidPro uuids are shown by what they name.
 */
function describe(ctx: CommandContext, details: Record<string, unknown>, names: Map<string, string>): string {
  // Nothing recorded (a boundary unlinked) reads as a dash, never "null".
  const say = (value: unknown): string =>
    value === null || value === undefined
      ? '—'
      : Array.isArray(value)
        ? value.map(say).join(', ')
        : value && typeof value === 'object'
          ? Object.entries(value)
              .map(([k, v]) => `${k} ${say(v)}`)
              .join(', ')
          : typeof value === 'string' && UUID.test(value)
            ? (names.get(value) ?? '?')
            : String(value);
  const parts = Object.entries(details).flatMap(([key, value]) => {
    if (key === 'regionId')
      return [[ctx.t('commands:audit.detail_region'), ctx.regions.byId.get(Number(value))?.name ?? '?']];
    // Ids of rows only the database knows (a poll run, a message, a question) say nothing to a reader.
    if (/Ids?$/.test(key) || (key === 'question' && typeof value === 'number')) return [];
    // Words recorded as keys (a cohort, a role) are said in the reader's language.
    const word = WORDS[key] && typeof value === 'string' ? sayStored(ctx.t, `${WORDS[key]}${value}`, value) : null;
    return [[sayStored(ctx.t, `commands:audit.detail_${key}`, key), word ?? say(value)]];
  });
  const text = parts.map(([key, value]) => ctx.t('commands:audit.detail', { key, value })).join(' · ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
