import { randomBytes } from 'node:crypto';
import type { Command } from '../src/core/command.ts';
import { buttons, fields, heading, note, paragraph } from '../src/core/reply.ts';
import { resolvePollTarget } from '../src/core/poll-target.ts';
import { describeRun } from '../src/core/describe-run.ts';
import { textAfter } from '../src/core/tokenize.ts';
import { UserError } from '../src/core/user-error.ts';
import { checkOutgoingText } from '../src/core/check-text.ts';
import { defaultReminder } from '../src/core/default-reminder.ts';
import { textIn } from '../src/domain/translate-for-workspace.ts';
import { createDraftMessage } from '../src/db/queries/create-draft-message.ts';
import { cohortNames, listCohort, type CohortName } from '../src/db/queries/list-cohort.ts';

/**
 * `message <poll> [date] [region] respondents|nonrespondents|all [<text>]` — a text to that cohort
 * of a poll run (non-respondents get the standard reminder when none is typed), through RapidPro. Nothing goes out
 * until the confirmation's button is pressed.
 */
export const message: Command = {
  name: 'message',
  aliases: ['msg'],
  role: 'supervisor',
  holds: 'personal',
  section: 'messaging',
  samples: [
    'message Attendance latest Kampala all Hello',
    'message Attendance latest Kampala respondents Thanks',
    'message Attendance latest Kampala nonrespondents',
  ],
  async run(ctx, args) {
    const at = args.findIndex((arg, i) => i > 0 && (cohortNames as readonly string[]).includes(arg.toLowerCase()));
    if (at < 0) throw new UserError('errors.missingCohort', {}, true);
    const cohort = args[at]!.toLowerCase() as CohortName;
    // The text as typed, not as tokenized: apostrophes and spacing are kept.
    const typed = textAfter(ctx.invocation.text, [args[at]!]) ?? '';
    checkOutgoingText(typed);
    const target = await resolvePollTarget(ctx, args.slice(0, at));
    // No text (the "Message them" button under nonrespondents): the standard reminder, in each
    // contact's language, shown in the confirmation like any text.
    // Anyone else needs words of the sender's own.
    if (!typed && cohort !== 'nonrespondents') throw new UserError('errors.missingText', {}, true);
    const message = typed ? { text: typed, translations: null } : await defaultReminder(ctx, target.poll.name);
    const { text, translations } = message;
    const recipients = await listCohort(ctx.services.sql, target.run.id, target.scope, cohort);
    if (recipients.length === 0)
      throw new UserError('errors.emptyCohort', { cohort: ctx.t(`commands:message.cohort_${cohort}`) });
    const id = await createDraftMessage(ctx.services.db, {
      orgId: ctx.org.id,
      pollId: target.poll.id,
      pollRunId: target.run.id,
      cohort,
      text,
      translations,
      contactUuids: recipients.map((r) => r.uuid),
      identityId: ctx.user.identityId,
      idempotencyKey: `message:${randomBytes(9).toString('base64url')}`,
    });
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:message.confirmTitle', { poll: target.poll.name, day: target.run.day })),
        note(describeRun(ctx, target.run)),
        fields([
          { label: ctx.t('commands:message.to'), value: ctx.t(`commands:message.cohort_${cohort}`) },
          { label: ctx.t('commands:message.count'), value: ctx.t('common:number', { value: recipients.length }) },
        ]),
        paragraph(textIn(message, ctx.lng)),
        ...(typed
          ? []
          : [
              note(
                ctx.t('commands:message.standardText', { line: `message ${args.slice(0, at + 1).join(' ')} <text>` }),
              ),
            ]),
        buttons(
          {
            label: ctx.t('commands:message.send', { count: recipients.length }),
            command: `send #${id}`,
            style: 'primary',
          },
          { label: ctx.t('common:cancel'), command: 'cancel' },
        ),
      ],
    };
  },
};
