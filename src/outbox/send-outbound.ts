// Sends an outbox row (a poll start or a text) to RapidPro batch by batch, exactly once:
// - One sender at a time per row: it holds the row's advisory lock on a connection of its own,
//   so another process takes over only once PostgreSQL has seen the holder's connection close
//   (the holder is gone), never merely because it is slow or RapidPro throttles it.
// - Each batch is claimed (`sending`, by whom, from when) before its request and marked `sent`
//   with RapidPro's reference after it. A batch found `sending` may have reached RapidPro: it is
//   looked up there before it is sent again.
// - A failure RapidPro may recover from (5xx, timeout, outage) leaves the row to the reconciler,
//   which tries again with growing waits until RapidPro is back, or fails the row once it has
//   waited `giveUpAfterMs` (and tells the requester).
// - A poll start's contacts count as asked (an empty response in the poll run) once RapidPro
//   has accepted their batch, not before.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { I18n } from '../core/i18n.ts';
import type { Notifier } from '../core/notifier.ts';
import type { Db, Sql } from '../db/client.ts';
import { outboundBatches, outboundMessages, polls } from '../db/schema/index.ts';
import { withHeldLock } from '../db/with-lock.ts';
import type { RapidProClient } from '../rapidpro/create-client.ts';
import { RapidProHttpError } from '../rapidpro/errors.ts';
import { BATCH_PARAM, batchKey } from './batch-key.ts';
import { findAccepted } from './find-accepted.ts';
import { defaultOutboxSettings, nextAttemptAt, type OutboxSettings } from './outbox-settings.ts';
import { reportSend } from './report-send.ts';
import { baseLanguageOf } from '../domain/translate-for-workspace.ts';

export interface OutboxDeps {
  db: Db;
  sql: Sql;
  log: Logger;
  now: () => Date;
  rapidproFor(orgId: number): Promise<RapidProClient>;
  notifier: Notifier;
  i18n: I18n;
  outbox?: Partial<OutboxSettings>;
}

/**
 * `sent`/`failed`: finished now (the requester was told); `finished`: nothing left to do;
 * `busy`: another process is sending it; `later`: not finished, the reconciler carries it on.
 */
export type SendOutcome = 'sent' | 'failed' | 'finished' | 'busy' | 'later';

type Message = typeof outboundMessages.$inferSelect;
type Batch = typeof outboundBatches.$inferSelect;

/** Who claims a batch: enough to find the process in its host's logs. */
const SENDER = `${hostname()}:${process.pid}`;

export async function sendOutbound(deps: OutboxDeps, messageId: number): Promise<SendOutcome> {
  const settings = { ...defaultOutboxSettings, ...deps.outbox };
  const outcome = await withHeldLock(
    deps.sql,
    `outbox:${messageId}`,
    (signal) => sendHeld(deps, settings, messageId, signal),
    settings.heartbeatMs,
  );
  return outcome ?? 'busy';
}

async function sendHeld(
  deps: OutboxDeps,
  settings: OutboxSettings,
  messageId: number,
  signal: AbortSignal,
): Promise<SendOutcome> {
  const { db } = deps;
  const [message] = await db.select().from(outboundMessages).where(eq(outboundMessages.id, messageId));
  if (!message || !['pending', 'sending'].includes(message.state)) return 'finished';
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
  try {
    for (const batch of batches) {
      signal.throwIfAborted();
      if (batch.state === 'sending' && batch.attemptedAt) {
        // Left mid-request by a sender that died or lost its connection: give its request time
        // to land, then ask RapidPro whether it took the batch.
        const settledAt = batch.attemptedAt.getTime() + settings.settleMs;
        if (deps.now().getTime() < settledAt) {
          await db
            .update(outboundMessages)
            .set({ nextAttemptAt: new Date(settledAt) })
            .where(eq(outboundMessages.id, messageId));
          return 'later';
        }
        const accepted = await findAccepted(
          rapidpro,
          { ...batch, attemptedAt: batch.attemptedAt },
          message,
          deps.now(),
        );
        if (accepted) {
          deps.log.info(
            { messageId, batch: batch.seq, ref: accepted },
            'RapidPro had an outbox batch already; not sending it again',
          );
          await recordAccepted(deps, message, batch, accepted);
          continue;
        }
      }
      await db
        .update(outboundBatches)
        .set({ state: 'sending', attempts: batch.attempts + 1, attemptedAt: deps.now(), claimedBy: SENDER })
        .where(eq(outboundBatches.id, batch.id));
      try {
        const ref =
          message.kind === 'poll_start'
            ? (
                await rapidpro.startFlow(
                  {
                    flow: flowUuid!,
                    contacts: batch.contactUuids,
                    restart_participants: true,
                    params: { [BATCH_PARAM]: batchKey(message.uuid, batch.seq) },
                  },
                  signal,
                )
              ).uuid
            : (await rapidpro.broadcast({ ...broadcastText(message), contacts: batch.contactUuids }, signal)).id;
        await recordAccepted(deps, message, batch, ref);
      } catch (error) {
        if (!(error instanceof RapidProHttpError && error.isRejection)) throw error;
        // Refused for good (bad input, unknown contacts): retrying cannot help this batch.
        const reason = JSON.stringify(error.body ?? error.status).slice(0, 2000);
        await db
          .update(outboundBatches)
          .set({ state: 'failed', lastError: reason })
          .where(eq(outboundBatches.id, batch.id));
        deps.log.warn({ messageId, batch: batch.seq, reason }, 'RapidPro refused an outbox batch');
      }
    }
  } catch (error) {
    return await postpone(deps, settings, message, error);
  }
  return await finish(deps, message);
}

/** RapidPro took the batch: record its reference and, for a poll start, count its contacts as asked. */
async function recordAccepted(deps: OutboxDeps, message: Message, batch: Batch, ref: string): Promise<void> {
  await deps.sql.begin(async (tx) => {
    await tx`
      update outbound_batches set state = 'sent', rapidpro_ref = ${ref}, sent_at = ${deps.now().toISOString()}, last_error = null
      where id = ${batch.id}`;
    if (message.kind !== 'poll_start' || message.pollRunId === null) return;
    // An empty response is "asked, no answer yet". Its date is the epoch so that the contact's
    // run, whenever it is synced and whatever either clock says, is newer and replaces it.
    await tx`
      insert into responses (org_id, poll_run_id, contact_id, updated_on)
      select ${message.orgId}, ${message.pollRunId}, c.id, to_timestamp(0)
      from contacts c where c.org_id = ${message.orgId} and c.uuid = any(${batch.contactUuids})
      on conflict (poll_run_id, contact_id) do nothing`;
  });
}

/**
 * Not finished for a reason that may pass. The failure is recorded and the reconciler tries
 * again later; after `giveUpAfterMs` the unsent batches fail and the requester is told.
 */
async function postpone(
  deps: OutboxDeps,
  settings: OutboxSettings,
  message: Message,
  error: unknown,
): Promise<SendOutcome> {
  const reason = describe(error);
  const now = deps.now();
  const since = (message.confirmedAt ?? message.createdAt).getTime();
  if (now.getTime() - since >= settings.giveUpAfterMs) {
    deps.log.error({ messageId: message.id, reason }, 'gave up an outbox row RapidPro would not take');
    await deps.db
      .update(outboundBatches)
      .set({ state: 'failed', lastError: `gave up: ${reason}` })
      .where(and(eq(outboundBatches.messageId, message.id), inArray(outboundBatches.state, ['pending', 'sending'])));
    return finish(deps, message);
  }
  const attempts = message.attempts + 1;
  await deps.db
    .update(outboundMessages)
    .set({ attempts, nextAttemptAt: nextAttemptAt(now, attempts, settings), lastError: reason })
    .where(eq(outboundMessages.id, message.id));
  deps.log.warn({ messageId: message.id, attempts, reason }, 'an outbox row waits for RapidPro');
  return 'later';
}

/** Every batch is sent or failed: the row takes its final state and the requester is told, once. */
async function finish(deps: OutboxDeps, message: Message): Promise<SendOutcome> {
  const batches = await deps.db
    .select({ state: outboundBatches.state, size: outboundBatches.contactUuids, lastError: outboundBatches.lastError })
    .from(outboundBatches)
    .where(eq(outboundBatches.messageId, message.id));
  const count = (state: string) => batches.filter((b) => b.state === state).reduce((n, b) => n + b.size.length, 0);
  const refused = count('failed');
  const reason = batches.find((b) => b.state === 'failed')?.lastError ?? null;
  const [finished] = await deps.db
    .update(outboundMessages)
    .set({ state: refused > 0 ? 'failed' : 'sent', sentAt: deps.now(), nextAttemptAt: null, lastError: reason })
    .where(and(eq(outboundMessages.id, message.id), eq(outboundMessages.state, 'sending')))
    .returning();
  if (!finished) return 'finished';
  await reportSend(deps, finished, { accepted: count('sent'), refused, reason }).catch((error) =>
    deps.log.warn({ err: error, messageId: message.id }, 'could not tell the requester how a send went'),
  );
  return refused > 0 ? 'failed' : 'sent';
}

function describe(error: unknown): string {
  if (error instanceof RapidProHttpError) return `RapidPro answered ${error.status}`;
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

/** A broadcast's text: per language with its base when it has translations, else as written. */
function broadcastText(message: { text: string | null; translations: Record<string, string> | null }) {
  const text = message.text ?? '';
  const base = message.translations ? baseLanguageOf(text, message.translations) : undefined;
  return message.translations && base ? { text: message.translations, base_language: base } : { text };
}
