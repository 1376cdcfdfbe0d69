import type { Db } from '../client.ts';
import { outboundBatches, outboundMessages } from '../schema/index.ts';
import type { Cohort, OutboundKind } from '../schema/messages.ts';
import { RAPIDPRO_BATCH_SIZE } from './create-poll-start.ts';

export interface DraftMessage {
  /** A text (broadcast), or a flow start that restarts the poll for these contacts. */
  kind?: OutboundKind;
  orgId: number;
  pollId: number | null;
  pollRunId: number | null;
  cohort: Cohort;
  text: string | null;
  /** The text per RapidPro language, `text` being the base one (see translate-for-workspace.ts). */
  translations?: Record<string, string> | null;
  contactUuids: string[];
  identityId: number;
  idempotencyKey: string;
}

/**
 * The outbox row of a message awaiting confirmation, with its recipients fixed as they were
 * shown: confirming sends exactly to the people counted in the confirmation.
 */
export async function createDraftMessage(db: Db, draft: DraftMessage): Promise<number> {
  return db.transaction(async (tx) => {
    const [message] = await tx
      .insert(outboundMessages)
      .values({
        orgId: draft.orgId,
        idempotencyKey: draft.idempotencyKey,
        kind: draft.kind ?? 'broadcast',
        pollId: draft.pollId,
        pollRunId: draft.pollRunId,
        cohort: draft.cohort,
        text: draft.text,
        translations: draft.translations ?? null,
        recipientCount: draft.contactUuids.length,
        state: 'draft',
        requestedBy: draft.identityId,
      })
      .returning({ id: outboundMessages.id });
    for (let seq = 0; seq * RAPIDPRO_BATCH_SIZE < draft.contactUuids.length; seq++) {
      const contactUuids = draft.contactUuids.slice(seq * RAPIDPRO_BATCH_SIZE, (seq + 1) * RAPIDPRO_BATCH_SIZE);
      await tx.insert(outboundBatches).values({ messageId: message!.id, seq, contactUuids });
    }
    return message!.id;
  });
}
