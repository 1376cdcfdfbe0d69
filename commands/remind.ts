import ms from 'ms';
import { replyAddress } from '../src/core/invocation.ts';
import type { Command } from '../src/core/command.ts';
import { checkConfirmKey, newConfirmKey } from '../src/core/confirm-key.ts';
import { buttons, fields, heading, note, paragraph } from '../src/core/reply.ts';
import { resolvePollTarget } from '../src/core/poll-target.ts';
import { describeRun } from '../src/core/describe-run.ts';
import { refuseArchived } from '../src/core/resolve.ts';
import { textAfter } from '../src/core/tokenize.ts';
import { userKey } from '../src/core/rate-limits.ts';
import { UserError } from '../src/core/user-error.ts';
import { listCohort } from '../src/db/queries/list-cohort.ts';
import { schedules } from '../src/db/schema/index.ts';
import { recordAudit } from '../src/db/queries/record-audit.ts';
import { describeDelay } from '../src/domain/round-duration.ts';
import { defaultReminder } from '../src/core/default-reminder.ts';
import { checkOutgoingText } from '../src/core/check-text.ts';
import { textIn } from '../src/domain/translate-for-workspace.ts';

const MIN_DELAY = 60_000;
const MAX_DELAY = 30 * 86_400_000;
const CONFIRM = /^--confirm=([\w.-]{6,40})$/;

/**
 * `remind <poll> [date] [region] after|in <duration> [text]` — once the delay has passed, message
 * whoever of that poll run has still not answered (unless everyone has). Like `message`, nothing
 * is set until the confirmation's button is pressed; the delay counts from that press. Without a
 * text, each contact gets the default reminder in their own language where RapidPro knows it.
 * Cancel with schedules.
 */
export const remind: Command = {
  name: 'remind',
  role: 'supervisor',
  holds: 'figures',
  section: 'schedules',
  samples: [
    'remind Attendance latest Kampala after 2h',
    'remind Attendance latest Kampala in 30 minutes Please answer today',
  ],
  async run(ctx, allArgs) {
    const confirm = CONFIRM.exec(allArgs[0] ?? '')?.[1];
    if (confirm) checkConfirmKey(ctx, confirm);
    const args = confirm ? allArgs.slice(1) : allArgs;
    const { at, delay, lastWord } = readDelay(args);
    const target = await resolvePollTarget(ctx, args.slice(0, at));
    // A reminder asks for answers an archived flow no longer takes.
    refuseArchived(target.poll);
    // The text as typed; without one, a translated nudge naming the poll.
    const typed =
      args.length > at + 1 + lastWord ? textAfter(ctx.invocation.text, [escapeRegExp(args[at + 1 + lastWord]!)]) : null;
    const message = typed ? { text: typed, translations: null } : await defaultReminder(ctx, target.poll.name);
    checkOutgoingText(message.text);
    const waiting = await listCohort(ctx.services.sql, target.run.id, target.scope, 'nonrespondents');
    if (!confirm) {
      const key = newConfirmKey(ctx);
      const again = [
        'remind',
        `--confirm=${key}`,
        `#${target.poll.id}`,
        target.run.day,
        ...(target.region ? [`#${target.region.id}`] : []),
        'after',
        `${delay}ms`,
        ...(typed ? [typed] : []),
      ];
      return {
        direction: ctx.direction,
        blocks: [
          heading(ctx.t('commands:remind.confirmTitle', { poll: target.poll.name, day: target.run.day })),
          note(describeRun(ctx, target.run)),
          fields([
            { label: ctx.t('commands:message.to'), value: ctx.t('commands:remind.to', { count: waiting.length }) },
            { label: ctx.t('commands:remind.when'), value: describeDelay(delay, ctx.lng) },
          ]),
          paragraph(textIn(message, ctx.lng)),
          ...(message.translations ? [note(ctx.t('commands:remind.inTheirLanguage'))] : []),
          buttons(
            { label: ctx.t('commands:remind.confirm'), command: again.join(' '), style: 'primary' },
            { label: ctx.t('common:cancel'), command: 'cancel' },
          ),
        ],
      };
    }
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
        text: message.text,
        translations: message.translations,
        at: when,
        timezone: ctx.org.timezone,
        createdBy: ctx.user.identityId,
        replyTo: replyAddress(ctx.invocation),
        language: ctx.lng,
        idempotencyKey: `remind:${confirm}`,
      })
      .onConflictDoNothing()
      .returning({ id: schedules.id });
    if (!row) throw new UserError('errors.alreadyConfirmed');
    await ctx.services.jobs.schedule(row.id, { at: when });
    const time = when.toLocaleString(ctx.lng, { timeZone: ctx.org.timezone, dateStyle: 'medium', timeStyle: 'short' });
    await recordAudit(ctx.services.db, {
      orgId: ctx.org.id,
      identityId: ctx.user.identityId,
      action: 'schedule.remind',
      target: `poll:${target.poll.id}`,
      details: {
        schedule: `#${row.id}`,
        day: target.run.day,
        region: target.region?.name ?? ctx.t('commands:digest.yourRegions'),
        at: time,
      },
    });
    return {
      direction: ctx.direction,
      blocks: [
        paragraph(
          ctx.t('commands:remind.set', {
            id: row.id,
            poll: target.poll.name,
            day: target.run.day,
            time,
            count: waiting.length,
          }),
        ),
        note(ctx.t('commands:remind.text', { text: textIn(message, ctx.lng) })),
      ],
    };
  },
};

/**
 * `after 2h`, `after 5 minutes`, `in 2 hours`, `after 1.5 h`: the words `ms` reads, as one word or
 * a number and its unit. `lastWord` is 0 or 1: where the duration ends after `at + 1`.
 */
function readDelay(args: string[]): { at: number; delay: number; lastWord: 0 | 1 } {
  const keyword = (word: string) => args.findIndex((arg, i) => i > 0 && arg.toLowerCase() === word);
  const at = keyword('after') >= 0 ? keyword('after') : keyword('in');
  const first = at < 0 ? undefined : args[at + 1];
  if (at < 0 || !first) throw new UserError('errors.remindUsage', {}, true);
  const two = args[at + 2] !== undefined && /^\d+(\.\d+)?$/.test(first) ? parse(`${first} ${args[at + 2]}`) : undefined;
  const delay = two ?? parse(first);
  // A bare number has no unit (`ms` would read it as milliseconds): ask rather than guess.
  if (delay === undefined || (!two && /^\d+(\.\d+)?$/.test(first)) || delay < MIN_DELAY || delay > MAX_DELAY) {
    throw new UserError('errors.remindDelay', { delay: two ? `${first} ${args[at + 2]}` : first }, true);
  }
  return { at, delay, lastWord: two ? 1 : 0 };
}

function parse(text: string): number | undefined {
  const value = ms(text as ms.StringValue);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
