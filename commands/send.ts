import { and, eq } from 'drizzle-orm';
import type { Command } from '../src/core/command.ts';
import { replyAddress } from '../src/core/invocation.ts';
import { paragraph } from '../src/core/reply.ts';
import { userKey } from '../src/core/rate-limits.ts';
import { parseNumberRef } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
import { auditLog, outboundMessages } from '../src/db/schema/index.ts';

/**
 * `send #<id>` — the "Send" button of a message confirmation. The draft turns into a pending
 * outbox row in one conditional update, so a second click (or a retried delivery) finds nothing
 * to send. The reply says it is queued; the outbox says "sent" once RapidPro has taken it.
 */
export const send: Command = {
  name: 'send',
  role: 'supervisor',
  holds: 'personal',
  section: 'messaging',
  samples: ['send #0'],
  hidden: true,
  async run(ctx, [ref]) {
    const id = parseNumberRef(ref);
    if (!id) throw new UserError('errors.badOption', {}, true);
    await ctx.services.limits.send(userKey(ctx.invocation));
    const [confirmed] = await ctx.services.db
      .update(outboundMessages)
      .set({
        state: 'pending',
        confirmedAt: ctx.services.now(),
        replyTo: replyAddress(ctx.invocation),
        language: ctx.lng,
      })
      .where(
        and(
          eq(outboundMessages.id, id),
          eq(outboundMessages.orgId, ctx.org.id),
          eq(outboundMessages.requestedBy, ctx.user.identityId),
          eq(outboundMessages.state, 'draft'),
        ),
      )
      .returning({
        id: outboundMessages.id,
        count: outboundMessages.recipientCount,
        cohort: outboundMessages.cohort,
        pollId: outboundMessages.pollId,
      });
    if (!confirmed) throw new UserError('errors.alreadyConfirmed');
    await ctx.services.db.insert(auditLog).values({
      orgId: ctx.org.id,
      identityId: ctx.user.identityId,
      action: 'message.send',
      // The poll it is about, by name in `audit`.
      target: confirmed.pollId ? `poll:${confirmed.pollId}` : `message:${id}`,
      details: {
        cohort: confirmed.cohort,
        recipients: confirmed.count,
      },
    });
    await ctx.services.jobs.sendOutbox(id);
    return { direction: ctx.direction, blocks: [paragraph(ctx.t('commands:send.queued', { count: confirmed.count }))] };
  },
};
