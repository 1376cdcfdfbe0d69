import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLog, outboundBatches, outboundMessages, pollRuns } from '../schema/index.ts';

/** RapidPro accepts at most this many contacts in one flow start or broadcast. */
export const RAPIDPRO_BATCH_SIZE = 100;

export interface PollStart {
  orgId: number;
  pollId: number;
  regionId: number;
  propagated: boolean;
  day: string;
  contacts: { id: number; uuid: string }[];
  identityId: number;
  startedBy: string;
  /** Where the outcome is reported, and in which language. */
  replyTo: string | null;
  language: string;
  confirmedAt: Date;
  idempotencyKey: string;
}

/**
 * Records a poll start in one transaction: the poll run and the outbox row with its batches. A
 * contact counts as asked (its empty response) once RapidPro has accepted its batch. Returns null when the
 * idempotency key was used already (a second click), in which case nothing is written.
 */
export async function createPollStart(
  db: Db,
  start: PollStart,
): Promise<{ messageId: number; pollRunId: number } | null> {
  return db.transaction(async (tx) => {
    const [message] = await tx
      .insert(outboundMessages)
      .values({
        orgId: start.orgId,
        idempotencyKey: start.idempotencyKey,
        kind: 'poll_start',
        pollId: start.pollId,
        cohort: 'region',
        recipientCount: start.contacts.length,
        requestedBy: start.identityId,
        replyTo: start.replyTo,
        language: start.language,
        confirmedAt: start.confirmedAt,
      })
      .onConflictDoNothing()
      .returning({ id: outboundMessages.id });
    if (!message) return null;

    const [run] = await tx
      .insert(pollRuns)
      .values({
        orgId: start.orgId,
        pollId: start.pollId,
        kind: start.propagated ? 'propagated' : 'regional',
        regionId: start.regionId,
        day: start.day,
        startedBy: start.startedBy,
      })
      .returning({ id: pollRuns.id });
    const pollRunId = run!.id;
    await tx.update(outboundMessages).set({ pollRunId }).where(eq(outboundMessages.id, message.id));

    for (let seq = 0; seq * RAPIDPRO_BATCH_SIZE < start.contacts.length; seq++) {
      const batch = start.contacts.slice(seq * RAPIDPRO_BATCH_SIZE, (seq + 1) * RAPIDPRO_BATCH_SIZE);
      await tx.insert(outboundBatches).values({ messageId: message.id, seq, contactUuids: batch.map((c) => c.uuid) });
    }
    await tx.insert(auditLog).values({
      orgId: start.orgId,
      identityId: start.identityId,
      action: 'poll.start',
      target: `poll:${start.pollId}`,
      details: { pollRunId, regionId: start.regionId, contacts: start.contacts.length },
    });
    return { messageId: message.id, pollRunId };
  });
}
