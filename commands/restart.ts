import { randomBytes } from 'node:crypto';
import type { Command } from '../src/core/command.ts';
import { buttons, fields, heading, paragraph } from '../src/core/reply.ts';
import { resolvePollTarget } from '../src/core/poll-target.ts';
import { UserError } from '../src/core/user-error.ts';
import { createDraftMessage } from '../src/db/queries/create-draft-message.ts';
import { listCohort } from '../src/db/queries/list-cohort.ts';

/**
 * `restart <poll> [date] [region]` — TracPro's "restart participants": start the poll again for
 * those who have not completed the poll run, in the same poll run. Confirmed before it is sent.
 */
export const restart: Command = {
  name: 'restart',
  role: 'supervisor',
  async run(ctx, args) {
    const target = await resolvePollTarget(ctx, args);
    const recipients = await listCohort(ctx.services.sql, target.run.id, target.scope, 'nonrespondents');
    if (recipients.length === 0) throw new UserError('errors.emptyCohort', { cohort: ctx.t('commands:message.cohort_nonrespondents') });
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
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:restart.confirmTitle', { poll: target.poll.name, day: target.run.day })),
        fields([{ label: ctx.t('commands:message.count'), value: ctx.t('common:number', { value: recipients.length }) }]),
        paragraph(ctx.t('commands:restart.explain')),
        buttons(
          { label: ctx.t('commands:restart.confirm', { count: recipients.length }), command: `send #${id}`, style: 'primary' },
          { label: ctx.t('common:cancel'), command: 'cancel' },
        ),
      ],
    };
  },
};
