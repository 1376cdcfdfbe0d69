import type { Command, CommandContext } from '../src/core/command.ts';
import { heading, list, note } from '../src/core/reply.ts';
import { describeSendFailure } from '../src/outbox/describe-send-failure.ts';
import { previewText } from '../src/domain/message-text.ts';
import { listMessageLog } from '../src/db/queries/list-message-log.ts';
import type { OutboxState } from '../src/db/schema/messages.ts';

const SHOWN = 20;

/** `messages` — the message log: what was sent to which cohort, when, and how it went. */
export const messages: Command = {
  name: 'messages',
  role: 'supervisor',
  holds: 'contacts',
  section: 'messaging',
  samples: ['messages'],
  async run(ctx) {
    // Admins see every message of the org; supervisors their own.
    const mine = ctx.user.role === 'admin' ? null : ctx.user.identityId;
    const rows = await listMessageLog(ctx.services.sql, ctx.org.id, ctx.org.timezone, mine, SHOWN);
    if (rows.length === 0) return { direction: ctx.direction, blocks: [note(ctx.t('commands:messages.none'))] };
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:messages.title')),
        list(
          rows.map((r) =>
            // A start sent to a run's non-respondents is a restart (`restart`, the nonrespondents button).
            ctx.t(
              `commands:messages.line_${r.kind === 'poll_start' && r.cohort === 'nonrespondents' ? 'poll_restart' : r.kind}`,
              {
                at: r.at,
                poll: r.poll ?? '—',
                cohort: ctx.t(`commands:message.cohort_${r.cohort}`),
                count: r.count,
                state: describeState(ctx, r),
                text: previewText(r.text ?? '', 60),
                by: r.by ?? '—',
              },
            ),
          ),
        ),
      ],
    };
  },
};

/** Queued and sending rows say how far they got; failed ones say why (RapidPro's words). */
function describeState(
  ctx: CommandContext,
  row: { state: OutboxState; sent: number; count: number; error: string | null },
): string {
  const state = ctx.t(`commands:messages.state_${row.state}`);
  if (row.state === 'pending' || row.state === 'sending')
    return ctx.t('commands:messages.progress', { state, sent: row.sent, count: row.count });
  if (row.state === 'failed' && row.error)
    return ctx.t('commands:messages.failedBecause', { state, reason: describeSendFailure(row.error, ctx.t) });
  return state;
}
