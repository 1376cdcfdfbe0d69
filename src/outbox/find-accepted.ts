// After a crash or a 504, a batch may be left "sending": its request may or may not have reached
// RapidPro. Before sending it again, look for it there — a flow start by the batch key it
// carries in its params, a broadcast by its text and exact recipients.
//
// How far back to look is worked out on RapidPro's clock, never by comparing ours with it: a
// server whose clock is hours behind ours holds the batch at a time that, read on our clock, is
// hours before the attempt, and a look-up from "our attempt time" missed it and sent it again.
// RapidPro says what time it is in the Date header of its answers (RFC 9110, section 6.6.1);
// how long ago we made the attempt is a duration on our own clock. The batch was created at or
// after (RapidPro's now − that duration). Without a Date header the newest item listed stands for
// RapidPro's now: it is no later than now, so the window only grows.
//
// Both lists come newest first and can only be narrowed by time (temba/api/v2/views.py:
// FlowStartsEndpoint by modified_on, which is never before a start's created_on; BroadcastsEndpoint
// by created_on; neither filters on params or text), so pages are read until they reach items
// older than the window.
import type { Page, RapidProClient } from '../rapidpro/create-client.ts';
import { BATCH_PARAM, batchKey } from './batch-key.ts';

/** Slack for what the two durations cannot see: the Date header's whole seconds, latency, a clock step. */
const SLACK_MS = 10 * 60_000;

export async function findAccepted(
  rapidpro: RapidProClient,
  batch: { seq: number; contactUuids: string[]; attemptedAt: Date },
  message: { uuid: string; kind: string; text: string | null },
  now: Date,
): Promise<string | null> {
  const ago = Math.max(0, now.getTime() - batch.attemptedAt.getTime());
  if (message.kind === 'poll_start') {
    const key = batchKey(message.uuid, batch.seq);
    return search(
      rapidpro.flowStarts(),
      ago,
      (start) => (start.modified_on ?? start.created_on).getTime(),
      (start) => (start.params?.[BATCH_PARAM] === key ? start.uuid : null),
    );
  }
  const recipients = [...batch.contactUuids].sort().join(',');
  return search(
    rapidpro.broadcasts(),
    ago,
    (broadcast) => broadcast.created_on.getTime(),
    (broadcast) => {
      const text = typeof broadcast.text === 'string' ? broadcast.text : Object.values(broadcast.text);
      const sameText = typeof text === 'string' ? text === message.text : text.includes(message.text ?? '');
      const sameRecipients =
        broadcast.contacts
          .map((c) => c.uuid)
          .sort()
          .join(',') === recipients;
      return sameText && sameRecipients ? broadcast.id : null;
    },
  );
}

/** Pages newest first, until `match` names one or the items are older than the window. */
async function search<T>(
  pages: AsyncIterable<Page<T>>,
  agoMs: number,
  timeOf: (item: T) => number,
  match: (item: T) => string | null,
): Promise<string | null> {
  let since: number | null = null;
  for await (const page of pages) {
    if (since === null) {
      const rapidproNow = page.answeredAt?.getTime() ?? Math.max(...page.results.map(timeOf));
      if (!Number.isFinite(rapidproNow)) return null; // nothing listed at all
      since = rapidproNow - agoMs - SLACK_MS;
    }
    for (const item of page.results) {
      const found = match(item);
      if (found) return found;
    }
    if (page.results.some((item) => timeOf(item) < since!)) return null;
  }
  return null;
}
