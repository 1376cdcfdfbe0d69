import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Command } from '../src/core/command.ts';
import { buttons, fields, heading, note, paragraph } from '../src/core/reply.ts';
import { resolvePoll, resolveRegion } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
import { createPollStart } from '../src/db/queries/create-poll-start.ts';
import { listActiveContacts } from '../src/db/queries/list-active-contacts.ts';
import { localDay } from '../src/domain/local-day.ts';
import { withDescendants } from '../src/domain/region-tree.ts';

/**
 * `start <poll> <region>` — start a poll for a region and all regions below it. The first answer
 * is a confirmation with the number of contacts; nothing is sent until its button is pressed,
 * and pressing it twice sends once (the button carries an idempotency key).
 */
export const start: Command = {
  name: 'start',
  role: 'supervisor',
  async run(ctx, args) {
    const { values, positionals } = parseFlags(args);
    const [pollQuery, ...regionWords] = positionals;
    if (!pollQuery) throw new UserError('errors.missingPoll', {}, true);
    if (regionWords.length === 0) throw new UserError('errors.missingRegion', {}, true);
    const poll = await resolvePoll(ctx, pollQuery);
    const region = resolveRegion(ctx, regionWords.join(' '));
    const regionIds = withDescendants(ctx.regions, [region.id]);
    const contacts = await listActiveContacts(ctx.services.sql, ctx.org.id, regionIds);
    if (contacts.length === 0) throw new UserError('errors.noContactsInRegion', { region: region.name });

    if (!values.confirm) {
      const key = randomBytes(6).toString('base64url');
      return {
        direction: ctx.direction,
        blocks: [
          heading(ctx.t('commands:start.confirmTitle', { poll: poll.name })),
          fields([
            { label: ctx.t('commands:start.region'), value: region.name },
            { label: ctx.t('commands:start.subRegions'), value: ctx.t('common:number', { value: regionIds.length - 1 }) },
            { label: ctx.t('commands:start.contacts'), value: ctx.t('common:number', { value: contacts.length }) },
          ]),
          paragraph(ctx.t('commands:start.confirmQuestion', { count: contacts.length })),
          buttons(
            { label: ctx.t('commands:start.confirm'), command: `start #${poll.id} #${region.id} --confirm=${key}`, style: 'primary' },
            { label: ctx.t('common:cancel'), command: 'cancel' },
          ),
        ],
      };
    }

    const started = await createPollStart(ctx.services.db, {
      orgId: ctx.org.id,
      pollId: poll.id,
      regionId: region.id,
      propagated: regionIds.length > 1,
      day: localDay(ctx.services.now(), ctx.org.timezone),
      contacts,
      identityId: ctx.user.identityId,
      startedBy: ctx.user.displayName ?? ctx.invocation.userId,
      idempotencyKey: `start:${values.confirm}`,
    });
    if (!started) throw new UserError('errors.alreadyConfirmed');
    await ctx.services.jobs.sendOutbox(started.messageId);
    return {
      direction: ctx.direction,
      blocks: [
        paragraph(ctx.t('commands:start.started', { poll: poll.name, region: region.name, count: contacts.length })),
        note(ctx.t('commands:start.next', { poll: poll.name })),
        buttons({ label: ctx.t('commands:start.seeParticipation'), command: `participation #${poll.id} latest #${region.id}` }),
      ],
    };
  },
};

function parseFlags(args: string[]) {
  try {
    return parseArgs({ args, options: { confirm: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch {
    throw new UserError('errors.badOption', {}, true);
  }
}
