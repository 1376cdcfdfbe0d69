import type { Command, CommandContext } from '../src/core/command.ts';
import { heading, list, note } from '../src/core/reply.ts';
import { describeSendFailure } from '../src/outbox/describe-send-failure.ts';
import { previewText } from '../src/domain/message-text.ts';
import type { Cohort, OutboundKind, OutboxState } from '../src/db/schema/messages.ts';

const SHOWN = 20;

/** `messages` — the message log: what was sent to which cohort, when, and how it went. */
export const messages: Command = {
  name: 'messages',
  role: 'supervisor',
  holds: 'contacts',
  section: 'messaging',
  samples: ['messages'],
  async run(ctx) {
    const mine =
      ctx.user.role === 'admin' ? ctx.services.sql`` : ctx.services.sql`and m.requested_by = ${ctx.user.identityId}`;
    const rows = await ctx.services.sql<
      {
        at: string;
        kind: OutboundKind;
        poll: string | null;
        cohort: Cohort;
        count: number;
        state: OutboxState;
        text: string | null;
        by: string | null;
        sent: number;
        error: string | null;
      }[]
    >`
      select to_char(m.created_at at time zone ${ctx.org.timezone}, 'YYYY-MM-DD HH24:MI') as at, m.kind, p.name as poll, m.cohort,
             m.recipient_count as count, m.state, m.text, i.display_name as by, m.last_error as error,
             (select coalesce(sum(cardinality(b.contact_uuids)), 0)::int from outbound_batches b where b.message_id = m.id and b.state = 'sent') as sent
      from outbound_messages m left join polls p on p.id = m.poll_id left join chat_identities i on i.id = m.requested_by
      where m.org_id = ${ctx.org.id} and m.state <> 'draft' ${mine}
      order by m.created_at desc limit ${SHOWN}`;
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
