import { parseArgs } from 'node:util';
import { CronExpressionParser } from 'cron-parser';
import { cronFrequency } from '../src/domain/cron-frequency.ts';
import type { Command, CommandContext } from '../src/core/command.ts';
import { checkConfirmKey, newConfirmKey } from '../src/core/confirm-key.ts';
import { replyAddress } from '../src/core/invocation.ts';
import { buttons, fields, heading, note, paragraph, type Reply } from '../src/core/reply.ts';
import { narrowScope, refuseArchived, resolvePoll, resolveRegion } from '../src/core/resolve.ts';
import { userKey } from '../src/core/rate-limits.ts';
import { UserError } from '../src/core/user-error.ts';
import { createPollStart } from '../src/db/queries/create-poll-start.ts';
import { listActiveContacts } from '../src/db/queries/list-active-contacts.ts';
import { localDay } from '../src/domain/local-day.ts';
import { describeCron, describeNextRun } from '../src/domain/describe-cron.ts';
import { fromLocalTime, nextLocalTime } from '../src/domain/local-time.ts';
import { parseDay } from '../src/domain/parse-day.ts';
import { schedules } from '../src/db/schema/index.ts';
import { recordAudit } from '../src/db/queries/record-audit.ts';

/**
 * `start <poll> <region>` — start a poll for a region and all regions below it. The first answer
 * is a confirmation with the number of contacts; nothing is sent until its button is pressed,
 * and pressing it twice sends once (the button carries an idempotency key).
 */
export const start: Command = {
  name: 'start',
  role: 'supervisor',
  holds: 'figures',
  section: 'polls',
  platformNames: { telegram: 'startpoll' },
  samples: [
    'start Attendance Kampala',
    'start Attendance Kampala at 23:59',
    'start Attendance Kampala every "0 8 * * 1"',
  ],
  async run(ctx, args) {
    const { values, positionals } = parseFlags(args);
    if (values.confirm) checkConfirmKey(ctx, values.confirm);
    const whenAt = positionals.findIndex((word, i) => i > 1 && ['at', 'every'].includes(word.toLowerCase()));
    const [pollQuery, ...regionWords] = whenAt < 0 ? positionals : positionals.slice(0, whenAt);
    if (!pollQuery) throw new UserError('errors.missingPoll', {}, true);
    if (regionWords.length === 0) throw new UserError('errors.missingRegion', {}, true);
    const poll = refuseArchived(await resolvePoll(ctx, pollQuery));
    const region = resolveRegion(ctx, regionWords.join(' '));
    const scope = narrowScope(ctx, region);
    const regionIds = scope.regionIds;
    const contacts = await listActiveContacts(ctx.services.sql, ctx.org.id, scope);
    if (contacts.length === 0) throw new UserError('errors.noContactsInRegion', { region: region.name });
    if (whenAt >= 0)
      return schedule(ctx, { poll, region, contacts: contacts.length }, positionals.slice(whenAt), values.confirm);

    if (!values.confirm) {
      const key = newConfirmKey(ctx);
      return {
        direction: ctx.direction,
        blocks: [
          heading(ctx.t('commands:start.confirmTitle', { poll: poll.name })),
          fields([
            { label: ctx.t('commands:start.region'), value: region.name },
            {
              label: ctx.t('commands:start.subRegions'),
              value: ctx.t('common:number', { value: regionIds.length - 1 }),
            },
            { label: ctx.t('commands:start.contacts'), value: ctx.t('common:number', { value: contacts.length }) },
          ]),
          paragraph(ctx.t('commands:start.confirmQuestion', { count: contacts.length })),
          buttons(
            {
              label: ctx.t('commands:start.confirm'),
              command: `start #${poll.id} #${region.id} --confirm=${key}`,
              style: 'primary',
            },
            { label: ctx.t('common:cancel'), command: 'cancel' },
          ),
        ],
      };
    }

    await ctx.services.limits.send(userKey(ctx.invocation));
    const started = await createPollStart(ctx.services.db, {
      orgId: ctx.org.id,
      pollId: poll.id,
      regionId: region.id,
      propagated: regionIds.length > 1,
      day: localDay(ctx.services.now(), ctx.org.timezone),
      contacts,
      identityId: ctx.user.identityId,
      startedBy: ctx.user.displayName ?? ctx.invocation.userId,
      replyTo: replyAddress(ctx.invocation),
      language: ctx.lng,
      confirmedAt: ctx.services.now(),
      idempotencyKey: `start:${values.confirm}`,
    });
    if (!started) throw new UserError('errors.alreadyConfirmed');
    await ctx.services.jobs.sendOutbox(started.messageId);
    return {
      direction: ctx.direction,
      blocks: [
        // "Started" is said once RapidPro has taken every batch (the outbox reports it here).
        paragraph(ctx.t('commands:start.queued', { poll: poll.name, region: region.name, count: contacts.length })),
        note(ctx.t('commands:start.next', { poll: poll.name })),
        buttons({
          label: ctx.t('commands:start.seeParticipation'),
          command: `participation #${poll.id} latest #${region.id}`,
        }),
      ],
    };
  },
};

/** A scheduled start repeats at most once an hour. */
const MIN_SCHEDULE_GAP_MS = 3_600_000;

/**
 * `start <poll> <region> at [yyyy-mm-dd] <hh:mm>` or `… every "<cron>"`: the same confirmation,
 * then a schedule instead of a start; `schedules` lists and cancels them.
 */
async function schedule(
  ctx: CommandContext,
  target: { poll: { id: number; name: string }; region: { id: number; name: string }; contacts: number },
  [keyword, ...when]: string[],
  confirm: string | undefined,
): Promise<Reply> {
  const every = keyword!.toLowerCase() === 'every';
  let at: Date | null = null;
  let cron: string | null = null;
  if (every) {
    cron = when.join(' ').trim();
    try {
      CronExpressionParser.parse(cron, { tz: ctx.org.timezone });
      if (cron.split(/\s+/).length !== 5) throw new Error('five fields');
    } catch {
      throw new UserError('errors.scheduleCron', { cron }, true);
    }
    // A start goes to every contact of the region: "* * * * *" would be 1,440 of them a day.
    const { minGapMs, perDay } = cronFrequency(cron, ctx.org.timezone, ctx.services.now());
    if (minGapMs < MIN_SCHEDULE_GAP_MS) throw new UserError('errors.scheduleTooOften', { cron, count: perDay });
  } else {
    // The day may take words, in any language ("demain", "lundi prochain"): all before the time.
    const dayWords = when.slice(0, -1).join(' ');
    const day = dayWords
      ? parseDay(dayWords, ctx.services.now(), ctx.org.timezone, { direction: 'future', language: ctx.lng })
      : null;
    if (day?.kind === 'invalid') throw new UserError('errors.badDate', { word: dayWords });
    const time = /^([01]?\d|2[0-3])[:h.]([0-5]\d)$/.exec(when.at(-1) ?? '');
    if (!time || (dayWords && day?.kind !== 'day')) throw new UserError('errors.scheduleAt', {}, true);
    const [hour, minute] = [Number(time[1]), Number(time[2])];
    at =
      day?.kind === 'day'
        ? fromLocalTime(day.day, hour, minute, ctx.org.timezone)
        : nextLocalTime(ctx.services.now(), hour, minute, ctx.org.timezone);
    if (at <= ctx.services.now()) throw new UserError('errors.scheduleInPast', {}, true);
  }
  const whenText = at
    ? ctx.t('commands:start.scheduledAt', {
        at: at.toLocaleString(ctx.lng, { timeZone: ctx.org.timezone, dateStyle: 'medium', timeStyle: 'short' }),
      })
    : ctx.t('commands:start.scheduledEvery', {
        when: describeCron(cron!, ctx.lng),
        next: describeNextRun(cron!, ctx.org.timezone, ctx.services.now(), ctx.lng),
      });
  if (!confirm) {
    const key = newConfirmKey(ctx);
    const again = at
      ? `at ${localDay(at, ctx.org.timezone)} ${at.toLocaleTimeString('en-GB', { timeZone: ctx.org.timezone, hour: '2-digit', minute: '2-digit' })}`
      : `every "${cron}"`;
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:start.scheduleTitle', { poll: target.poll.name })),
        fields([
          { label: ctx.t('commands:start.region'), value: target.region.name },
          { label: ctx.t('commands:start.when'), value: whenText },
          { label: ctx.t('commands:start.contacts'), value: ctx.t('common:number', { value: target.contacts }) },
        ]),
        buttons(
          {
            label: ctx.t('commands:start.schedule'),
            command: `start #${target.poll.id} #${target.region.id} ${again} --confirm=${key}`,
            style: 'primary',
          },
          { label: ctx.t('common:cancel'), command: 'cancel' },
        ),
      ],
    };
  }
  await ctx.services.limits.send(userKey(ctx.invocation));
  const [row] = await ctx.services.db
    .insert(schedules)
    .values({
      orgId: ctx.org.id,
      kind: 'start',
      pollId: target.poll.id,
      regionId: target.region.id,
      at,
      cron,
      timezone: ctx.org.timezone,
      createdBy: ctx.user.identityId,
      replyTo: replyAddress(ctx.invocation),
      language: ctx.lng,
      idempotencyKey: `schedule:${confirm}`,
    })
    .onConflictDoNothing()
    .returning({ id: schedules.id });
  if (!row) throw new UserError('errors.alreadyConfirmed');
  await ctx.services.jobs.schedule(row.id, at ? { at } : { cron: cron!, timezone: ctx.org.timezone });
  await recordAudit(ctx.services.db, {
    orgId: ctx.org.id,
    identityId: ctx.user.identityId,
    action: 'schedule.start',
    target: `poll:${target.poll.id}`,
    details: { schedule: `#${row.id}`, region: target.region.name, when: whenText },
  });
  return {
    direction: ctx.direction,
    blocks: [
      paragraph(
        ctx.t('commands:start.scheduled', {
          id: row.id,
          poll: target.poll.name,
          region: target.region.name,
          when: whenText,
        }),
      ),
    ],
  };
}

function parseFlags(args: string[]) {
  try {
    return parseArgs({ args, options: { confirm: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch {
    throw new UserError('errors.badOption', {}, true);
  }
}
