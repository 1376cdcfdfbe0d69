import type { Command, CommandContext } from '../src/core/command.ts';
import { paragraph, type Reply } from '../src/core/reply.ts';
import { resolveRegion, parseNumberRef } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
import { matchByName } from '../src/domain/match-name.ts';
import { parseWeekday } from '../src/domain/parse-day.ts';
import { weekdays, type Weekday } from '../src/domain/weekday.ts';
import { deleteDigest, setDigestPaused } from '../src/db/queries/change-digest.ts';
import { createDigest } from '../src/db/queries/create-digest.ts';
import { findDigest } from '../src/db/queries/find-digest.ts';
import { recordAudit } from '../src/db/queries/record-audit.ts';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const TIME = /^([01]?\d|2[0-3])[:h.]([0-5]\d)$/;

/**
 * `digest daily <hh:mm> [region]`, `digest weekly [mon…sun] <hh:mm> [region]` — posts the state
 * of the polls of the last week into this chat on a schedule, in the org's time zone, for the
 * user's regions (or one of them); `digest pause|resume|stop <#id>` manages one; `digests` lists.
 */
export const digest: Command = {
  name: 'digest',
  role: 'supervisor',
  holds: 'figures',
  section: 'schedules',
  samples: [
    'digest daily 08:00 Kampala',
    'digest weekly fri 09:30 Kampala',
    'digest pause #1',
    'digest resume #1',
    'digest stop #1',
  ],
  async run(ctx, [what, ...rest]) {
    switch (what?.toLowerCase()) {
      case 'daily':
      case 'weekly':
        return subscribe(ctx, what.toLowerCase() as 'daily' | 'weekly', rest);
      case 'pause':
      case 'resume':
      case 'stop':
        return manage(ctx, what.toLowerCase() as 'pause' | 'resume' | 'stop', rest[0]);
      default:
        throw new UserError('errors.digestUsage', {}, true);
    }
  },
};

async function subscribe(ctx: CommandContext, every: 'daily' | 'weekly', args: string[]): Promise<Reply> {
  const words = [...args];
  // A weekly digest may name its day first; anything before the time is taken as that day.
  const day = every === 'weekly' && words[0] && !TIME.test(words[0]) ? weekday(ctx, words.shift()!) : 1;
  const time = TIME.exec(words.shift() ?? '');
  if (!time) throw new UserError('errors.digestTime', {}, true);
  const [hour, minute] = [Number(time[1]), Number(time[2])];
  const region = words.length > 0 ? resolveRegion(ctx, words.join(' ')) : null;
  // Supervisors get their own regions; admins everything unless they name a region.
  const regionIds = region ? [region.id] : ctx.user.role === 'admin' ? null : ctx.user.grantedRegionIds;
  const cron = every === 'daily' ? `${minute} ${hour} * * *` : `${minute} ${hour} * * ${day}`;
  const id = await createDigest(ctx.services.sql, {
    orgId: ctx.org.id,
    platform: ctx.invocation.platform,
    chatId: ctx.invocation.chatId,
    cron,
    timezone: ctx.org.timezone,
    language: ctx.lng,
    regionIds,
    createdBy: ctx.user.identityId,
  });
  await ctx.services.jobs.scheduleDigest(id, cron, ctx.org.timezone);
  const when = ctx.t(`commands:digest.when_${every}`, {
    time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
    day: ctx.t(`commands:digest.day_${day}`),
    timezone: ctx.org.timezone,
  });
  const regions =
    region?.name ?? (regionIds ? ctx.t('commands:digest.yourRegions') : ctx.t('commands:digest.allRegions'));
  await recordAudit(ctx.services.db, {
    orgId: ctx.org.id,
    identityId: ctx.user.identityId,
    action: 'digest.add',
    target: null,
    details: { digest: `#${id}`, when, regions },
  });
  return {
    direction: ctx.direction,
    blocks: [
      paragraph(
        ctx.t('commands:digest.subscribed', {
          id,
          when,
          regions,
        }),
      ),
    ],
  };
}

/** The day (0 = Sunday) a word names, in any of the bot's languages, or a prefix of one. */
function weekday(ctx: CommandContext, word: string): Weekday {
  const named = weekdays.find((day) => day === parseWeekday(word));
  if (named !== undefined) return named;
  const names = weekdays.map((day) => ctx.t(`commands:digest.day_${day}`));
  const match = matchByName(
    [...weekdays.map((id) => ({ id, name: WEEKDAYS[id]! })), ...weekdays.map((id) => ({ id, name: names[id]! }))],
    word,
  );
  const found =
    match.kind === 'found'
      ? match.item.id
      : match.kind === 'ambiguous' && new Set(match.candidates.map((c) => c.id)).size === 1
        ? match.candidates[0]!.id
        : null;
  if (found === null) throw new UserError('errors.digestDay', { word, days: names.join(', '), example: names[1] });
  return found;
}

async function manage(
  ctx: CommandContext,
  action: 'pause' | 'resume' | 'stop',
  ref: string | undefined,
): Promise<Reply> {
  const id = parseNumberRef(ref);
  if (!id) throw new UserError('errors.digestWhich', {}, true);
  // Admins manage any digest of the org; supervisors the ones they made.
  const found = await findDigest(
    ctx.services.sql,
    ctx.org.id,
    id,
    ctx.user.role === 'admin' ? null : ctx.user.identityId,
  );
  if (!found) throw new UserError('errors.digestNotFound', { id });
  if (action === 'stop') {
    await ctx.services.jobs.cancelDigest(id);
    await deleteDigest(ctx.services.sql, id);
  } else {
    await setDigestPaused(ctx.services.sql, id, action === 'pause');
  }
  const done = ({ pause: 'paused', resume: 'resumed', stop: 'stopped' } as const)[action];
  await recordAudit(ctx.services.db, {
    orgId: ctx.org.id,
    identityId: ctx.user.identityId,
    action: `digest.${action}`,
    details: { digest: `#${id}` },
  });
  return { direction: ctx.direction, blocks: [paragraph(ctx.t(`commands:digest.${done}`, { id }))] };
}
