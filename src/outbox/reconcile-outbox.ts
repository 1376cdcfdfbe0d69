// The outbox's safety net: every confirmed send that is not finished and is due is carried on,
// whatever left it unfinished — a crash between recording and queueing it, a process killed
// mid-send, a scheduled start cut short, a RapidPro outage. A row another process is sending is
// skipped (its lock says so); one that failed waits for its next attempt.
import type { Counts } from '../rapidpro/sync/sync-window.ts';
import { sendOutbound, type OutboxDeps } from './send-outbound.ts';

/** Rows carried on per run, oldest due first; the next run takes the rest. */
const PER_RUN = 20;

export async function reconcileOutbox(deps: OutboxDeps): Promise<Counts> {
  const due = await deps.sql<{ id: number }[]>`
    select id from outbound_messages
    where state in ('pending', 'sending') and (next_attempt_at is null or next_attempt_at <= ${deps.now().toISOString()})
    order by coalesce(next_attempt_at, confirmed_at, created_at)
    limit ${PER_RUN}`;
  const counts: Counts = {};
  for (const { id } of due) {
    const outcome = await sendOutbound(deps, id);
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}
