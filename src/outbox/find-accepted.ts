// After a crash, a batch may be left "sending": its request may or may not have reached RapidPro.
// Before sending it again, look for it there — a flow start by the batch key it carries in its
// params, a broadcast by its text and exact recipients — from just before the request began.
import type { RapidProClient } from '../rapidpro/create-client.ts';
import { BATCH_PARAM, batchKey } from './batch-key.ts';

/** Clocks differ between us and RapidPro (ours may be ahead): look well before the attempt. */
const CLOCK_SLACK_MS = 60 * 60_000;

export async function findAccepted(
  rapidpro: RapidProClient,
  batch: { seq: number; contactUuids: string[]; attemptedAt: Date },
  message: { uuid: string; kind: string; text: string | null },
): Promise<string | null> {
  const after = new Date(batch.attemptedAt.getTime() - CLOCK_SLACK_MS);
  const recipients = [...batch.contactUuids].sort().join(',');
  const sameRecipients = (contacts: { uuid: string }[]) =>
    contacts
      .map((c) => c.uuid)
      .sort()
      .join(',') === recipients;
  if (message.kind === 'poll_start') {
    const key = batchKey(message.uuid, batch.seq);
    for await (const page of rapidpro.flowStarts({ after })) {
      const found = page.results.find((start) => start.params?.[BATCH_PARAM] === key);
      if (found) return found.uuid;
    }
    return null;
  }
  for await (const page of rapidpro.broadcasts({ after })) {
    const found = page.results.find((b) => {
      const text = typeof b.text === 'string' ? b.text : Object.values(b.text);
      return (
        (typeof text === 'string' ? text === message.text : text.includes(message.text ?? '')) &&
        sameRecipients(b.contacts)
      );
    });
    if (found) return found.id;
  }
  return null;
}
