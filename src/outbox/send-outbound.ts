// Sends an outbox row to RapidPro batch by batch. Each batch is marked `sending` before the call
// and `sent` with RapidPro's reference after it, so a retry skips what RapidPro already took.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { outboundBatches, outboundMessages, polls } from '../db/schema/index.ts';
import type { RapidProClient } from '../rapidpro/create-client.ts';
import { BATCH_PARAM, batchKey } from './batch-key.ts';
import { findAccepted } from './find-accepted.ts';
import { RapidProHttpError } from '../rapidpro/errors.ts';

export interface OutboxDeps {
  db: Db;
  log: Logger;
  now: () => Date;
  rapidproFor(orgId: number): Promise<RapidProClient>;
}

export async function sendOutbound(deps: OutboxDeps, messageId: number): Promise<void> {
  const { db } = deps;
  const [message] = await db.select().from(outboundMessages).where(eq(outboundMessages.id, messageId));
  if (!message || message.state === 'sent' || message.state === 'failed') return;
  const rapidpro = await deps.rapidproFor(message.orgId);
  const flowUuid = message.pollId
    ? (await db.select({ uuid: polls.uuid }).from(polls).where(eq(polls.id, message.pollId)))[0]?.uuid
    : undefined;
  await db.update(outboundMessages).set({ state: 'sending' }).where(eq(outboundMessages.id, messageId));

  const batches = await db
    .select()
    .from(outboundBatches)
    .where(and(eq(outboundBatches.messageId, messageId), inArray(outboundBatches.state, ['pending', 'sending'])))
    .orderBy(asc(outboundBatches.seq));
  for (const batch of batches) {
    // Left "sending" by a process that died mid-request: RapidPro may have it already.
    const accepted = batch.state === 'sending' && batch.attemptedAt ? await findAccepted(rapidpro, { ...batch, attemptedAt: batch.attemptedAt }, message) : null;
    if (accepted) {
      deps.log.info({ messageId, batch: batch.seq, ref: accepted }, 'RapidPro had an outbox batch already; not sending it again');
      await db.update(outboundBatches).set({ state: 'sent', rapidproRef: accepted, sentAt: deps.now() }).where(eq(outboundBatches.id, batch.id));
      continue;
    }
    await db
      .update(outboundBatches)
      .set({ state: 'sending', attempts: batch.attempts + 1, attemptedAt: deps.now() })
      .where(eq(outboundBatches.id, batch.id));
    try {
      const ref =
        message.kind === 'poll_start'
          ? (await rapidpro.startFlow({ flow: flowUuid!, contacts: batch.contactUuids, restart_participants: true, params: { [BATCH_PARAM]: batchKey(message.uuid, batch.seq) } })).uuid
          : (await rapidpro.broadcast({ text: message.text ?? '', contacts: batch.contactUuids })).id;
      await db
        .update(outboundBatches)
        .set({ state: 'sent', rapidproRef: ref, sentAt: deps.now(), lastError: null })
        .where(eq(outboundBatches.id, batch.id));
    } catch (error) {
      const rejected = error instanceof RapidProHttpError && error.isRejection;
      const reason = error instanceof RapidProHttpError ? JSON.stringify(error.body ?? error.status) : String(error);
      await db
        .update(outboundBatches)
        // Not rejected: RapidPro may still have acted (a 500 after the fact), so the batch stays
        // "sending" and the retry looks it up before sending again.
        .set({ state: rejected ? 'failed' : 'sending', lastError: reason.slice(0, 2000) })
        .where(eq(outboundBatches.id, batch.id));
      deps.log.warn({ messageId, batch: batch.seq, rejected, reason }, 'RapidPro did not take an outbox batch');
      // A rejection is final for that batch; anything else is retried by the job scheduler.
      if (!rejected) throw error;
    }
  }

  const states = await db
    .select({ state: outboundBatches.state })
    .from(outboundBatches)
    .where(eq(outboundBatches.messageId, messageId));
  const failed = states.some((s) => s.state === 'failed');
  await db
    .update(outboundMessages)
    .set({ state: failed ? 'failed' : 'sent', sentAt: deps.now(), lastError: failed ? 'some batches were rejected by RapidPro' : null })
    .where(eq(outboundMessages.id, messageId));
}
