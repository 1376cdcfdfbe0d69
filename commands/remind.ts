import { randomBytes } from 'node:crypto';
import ms from 'ms';
import { replyAddress } from '../src/core/invocation.ts';
import type { Command } from '../src/core/command.ts';
import { note, paragraph } from '../src/core/reply.ts';
import { resolvePollTarget } from '../src/core/poll-target.ts';
import { textAfter } from '../src/core/tokenize.ts';
import { userKey } from '../src/core/rate-limits.ts';
import { UserError } from '../src/core/user-error.ts';
import { listCohort } from '../src/db/queries/list-cohort.ts';
import { schedules } from '../src/db/schema/index.ts';

const MIN_DELAY = 60_000;
const MAX_DELAY = 30 * 86_400_000;
const MAX_TEXT = 640;

/**
 * `remind <poll> [date] [region] after <duration> [text]` — once the delay has passed, message
 * whoever of that poll run has still not answered (unless everyone has). Cancel with schedules.
 */
export const remind: Command = {
  name: 'remind',
  role: 'supervisor',
  async run(ctx, args) {
    const at = args.findIndex((arg, i) => i > 0 && arg.toLowerCase() === 'after');
    const durationWord = at < 0 ? undefined : args[at + 1];
    if (at < 0 || !durationWord) throw new UserError('errors.remindUsage', {}, true);
    const delay = ms(durationWord as ms.StringValue);
    if (typeof delay !== 'number' || Number.isNaN(delay) || delay < MIN_DELAY || delay > MAX_DELAY) {
      throw new UserError('errors.remindDelay', { delay: durationWord }, true);
    }
    const target = await resolvePollTarget(ctx, args.slice(0, at));
    // The text as typed; without one, a translated nudge naming the poll.
    const text = (args.length > at + 2 ? textAfter(ctx.invocation.text, [durationWord]) : null) || ctx.t('commands:remind.defaultText', { poll: target.poll.name });
    if (text.length > MAX_TEXT) throw new UserError('errors.textTooLong', { max: MAX_TEXT, length: text.length });
    const waiting = await listCohort(ctx.services.sql, target.run.id, target.scope, 'nonrespondents');
    const when = new Date(ctx.services.now().getTime() + delay);
    await ctx.services.limits.send(userKey(ctx.invocation));
    const [row] = await ctx.services.db
      .insert(schedules)
      .values({
        orgId: ctx.org.id,
        kind: 'remind',
        pollId: target.poll.id,
        pollRunId: target.run.id,
        regionId: target.region?.id ?? null,
        regionIds: target.region || ctx.user.role === 'admin' ? null : ctx.user.grantedRegionIds,
        text,
        at: when,
        timezone: ctx.org.timezone,
        createdBy: ctx.user.identityId,
        replyTo: replyAddress(ctx.invocation),
        language: ctx.lng,
        idempotencyKey: `remind:${randomBytes(9).toString('base64url')}`,
      })
      .returning({ id: schedules.id });
    await ctx.services.jobs.schedule(row!.id, { at: when });
    const time = when.toLocaleString(ctx.lng, { timeZone: ctx.org.timezone, dateStyle: 'medium', timeStyle: 'short' });
    return {
      direction: ctx.direction,
      blocks: [
        paragraph(ctx.t('commands:remind.set', { id: row!.id, poll: target.poll.name, day: target.run.day, time, count: waiting.length })),
        note(ctx.t('commands:remind.text', { text })),
      ],
    };
  },
};
