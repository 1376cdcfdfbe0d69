import { randomBytes } from 'node:crypto';
import type { Command } from '../src/core/command.ts';
import { buttons, fields, heading, note, paragraph } from '../src/core/reply.ts';
import { resolvePollTarget } from '../src/core/poll-target.ts';
import { describeRun } from '../src/core/describe-run.ts';
import { refuseArchived } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
import { createDraftMessage } from '../src/db/queries/create-draft-message.ts';
import { listCohort } from '../src/db/queries/list-cohort.ts';

/** `contacts=12,15,19`: the contacts chosen, by the numbers the `nonrespondents` page shows. */
const CHOSEN = /^contacts=([\d,]+)$/i;

/**
 * `restart <poll> [date] [region] [contacts=<id>,<id>…]` — TracPro's "restart participants": start
 * the poll again, in the same poll run, for those who have not completed it, or for the ones chosen
 * among them (the `nonrespondents` page's button, or its numbers typed). Chosen contacts who have
 * completed it since, or lie outside the user's regions, are left out and counted. Confirmed before
 * it is sent.
 */
export const restart: Command = {
  name: 'restart',
  role: 'supervisor',
  holds: 'figures',
  section: 'polls',
  samples: ['restart Attendance latest Kampala', 'restart Attendance latest Kampala contacts=1,2'],
  async run(ctx, args) {
    const chosenWord = args.find((arg) => CHOSEN.test(arg));
    const chosen = chosenWord ? new Set(CHOSEN.exec(chosenWord)![1]!.split(',').filter(Boolean).map(Number)) : null;
    const target = await resolvePollTarget(
      ctx,
      args.filter((arg) => arg !== chosenWord),
    );
    refuseArchived(target.poll);
    const cohort = await listCohort(ctx.services.sql, target.run.id, target.scope, 'nonrespondents');
    const recipients = chosen ? cohort.filter((c) => chosen.has(c.id)) : cohort;
    if (recipients.length === 0)
      throw new UserError('errors.emptyCohort', { cohort: ctx.t('commands:message.cohort_nonrespondents') });
    const id = await createDraftMessage(ctx.services.db, {
      kind: 'poll_start',
      orgId: ctx.org.id,
      pollId: target.poll.id,
      pollRunId: target.run.id,
      cohort: 'nonrespondents',
      text: null,
      contactUuids: recipients.map((r) => r.uuid),
      identityId: ctx.user.identityId,
      idempotencyKey: `restart:${randomBytes(9).toString('base64url')}`,
    });
    const counts = [
      { label: ctx.t('commands:message.count'), value: ctx.t('common:number', { value: recipients.length }) },
    ];
    if (chosen && chosen.size > recipients.length) {
      counts.push({
        label: ctx.t('commands:restart.leftOut'),
        value: ctx.t('common:number', { value: chosen.size - recipients.length }),
      });
    }
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:restart.confirmTitle', { poll: target.poll.name, day: target.run.day })),
        note(describeRun(ctx, target.run)),
        fields(counts),
        paragraph(ctx.t(chosen ? 'commands:restart.explainChosen' : 'commands:restart.explain')),
        buttons(
          {
            label: ctx.t('commands:restart.confirm', { count: recipients.length }),
            command: `send #${id}`,
            style: 'primary',
          },
          { label: ctx.t('common:cancel'), command: 'cancel' },
        ),
      ],
    };
  },
};
