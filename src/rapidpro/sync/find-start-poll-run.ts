// The poll run of a flow start the outbox has not recorded yet: a process can die after RapidPro
// accepted a batch and before the batch's start uuid was saved, and the contacts answer anyway.
// The start carries its batch key in its params (src/outbox/batch-key.ts), which names the
// outbox message, which names the poll run. Without this, those answers would land in a
// universal poll run of their day, which would then pass for the latest.
import { and, eq } from 'drizzle-orm';
import type { SyncDeps } from './sync-deps.ts';
import { BATCH_PARAM, parseBatchKey } from '../../outbox/batch-key.ts';
import { outboundMessages } from '../../db/schema/index.ts';
import type { RapidProClient } from '../create-client.ts';

/** How long a start may be missing from RapidPro's list (reads can come from a lagging replica). */
const START_LAG_MS = 60 * 60_000;

export type StartOwner = { pollRunId: number } | { pollRunId: null };

/**
 * Looks the start up in RapidPro (flow_starts.json?uuid=…, one request). Null poll run when the
 * start is not ours (started in RapidPro, or by another deployment); throws when RapidPro does
 * not list a start of a recent run yet, so the window is retried rather than misfiled.
 */
export async function findStartPollRun(
  deps: Pick<SyncDeps, 'db' | 'now'>,
  rapidpro: RapidProClient,
  orgId: number,
  start: { uuid: string; runCreatedOn: Date },
): Promise<StartOwner> {
  let listed: { params?: Record<string, unknown> | null; extra?: Record<string, unknown> | null } | undefined;
  for await (const page of rapidpro.flowStarts({ uuid: start.uuid })) {
    listed = page.results.find((s) => s.uuid === start.uuid);
    break;
  }
  if (!listed) {
    if (deps.now().getTime() - start.runCreatedOn.getTime() < START_LAG_MS) {
      throw new Error(`RapidPro does not list flow start ${start.uuid} yet; its runs wait for the next sync`);
    }
    // Old starts are trimmed from RapidPro's list: nothing tells whose it was any more.
    return { pollRunId: null };
  }
  const ref = parseBatchKey((listed.params ?? listed.extra)?.[BATCH_PARAM]);
  if (!ref) return { pollRunId: null };
  const [message] = await deps.db
    .select({ pollRunId: outboundMessages.pollRunId })
    .from(outboundMessages)
    .where(and(eq(outboundMessages.orgId, orgId), eq(outboundMessages.uuid, ref.messageUuid)));
  return { pollRunId: message?.pollRunId ?? null };
}
