// What a schedule does when its time comes. A poll start goes through the same outbox as a
// start confirmed in chat, keyed by the schedule and the local day, so a retried job starts the
// poll once that day. A reminder looks at the non-respondents as they are now: contacts who
// answered in the meantime are not reminded, and when everyone answered nothing is sent.
import { and, eq } from 'drizzle-orm';
import type { Db, Sql } from '../db/client.ts';
import { createDraftMessage } from '../db/queries/create-draft-message.ts';
import { createPollStart } from '../db/queries/create-poll-start.ts';
import { listActiveContacts } from '../db/queries/list-active-contacts.ts';
import { listCohort } from '../db/queries/list-cohort.ts';
import { loadRegionTree } from '../db/queries/load-region-tree.ts';
import { chatIdentities, outboundMessages, polls, schedules } from '../db/schema/index.ts';
import { localDay } from '../domain/local-day.ts';
import { recordAudit } from '../db/queries/record-audit.ts';
import { withDescendants } from '../domain/region-tree.ts';

export interface ScheduleDeps {
  db: Db;
  sql: Sql;
  now(): Date;
  /** Sends an outbox row (the send-outbox job, run in-line). */
  sendOutbox(messageId: number): Promise<void>;
}

export type ScheduleOutcome =
  | 'started'
  | 'reminded'
  | 'everyone-answered'
  | 'already-done'
  | 'cancelled'
  | 'no-contacts'
  | 'poll-archived';

export async function runSchedule(deps: ScheduleDeps, scheduleId: number): Promise<ScheduleOutcome> {
  const [schedule] = await deps.db.select().from(schedules).where(eq(schedules.id, scheduleId));
  if (!schedule || schedule.cancelledAt) return 'cancelled';
  if (schedule.doneAt) return 'already-done';
  const [creator] = schedule.createdBy
    ? await deps.db.select().from(chatIdentities).where(eq(chatIdentities.id, schedule.createdBy))
    : [];
  const regions = await loadRegionTree(deps.db, schedule.orgId);
  // What the schedule did, in the audit log under the person who set it.
  const audit = (action: string, details: Record<string, unknown>) =>
    recordAudit(deps.db, {
      orgId: schedule.orgId,
      identityId: schedule.createdBy,
      action,
      target: `poll:${schedule.pollId}`,
      details: { schedule: `#${schedule.id}`, ...details },
    });
  // Archived in RapidPro since it was scheduled: nothing is sent (a repeating start tries again
  // next time, in case the flow is unarchived).
  const [poll] = await deps.db
    .select({ isArchived: polls.isArchived })
    .from(polls)
    .where(eq(polls.id, schedule.pollId));
  if (poll?.isArchived) {
    if (schedule.at) await deps.db.update(schedules).set({ doneAt: deps.now() }).where(eq(schedules.id, schedule.id));
    await audit('schedule.skip', { reason: 'archived' });
    return 'poll-archived';
  }

  if (schedule.kind === 'start') {
    const regionIds = withDescendants(regions, [schedule.regionId!]);
    const contacts = await listActiveContacts(deps.sql, schedule.orgId, { all: false, regionIds });
    if (contacts.length === 0) {
      await audit('schedule.skip', { reason: 'noContacts' });
      return 'no-contacts';
    }
    const day = localDay(deps.now(), schedule.timezone);
    const started = await createPollStart(deps.db, {
      orgId: schedule.orgId,
      pollId: schedule.pollId,
      regionId: schedule.regionId!,
      propagated: regionIds.length > 1,
      day,
      contacts,
      identityId: schedule.createdBy!,
      startedBy: creator?.displayName ?? creator?.externalId ?? 'schedule',
      replyTo: schedule.replyTo,
      language: schedule.language,
      confirmedAt: deps.now(),
      idempotencyKey: `schedule:${schedule.id}:${day}`,
    });
    if (schedule.at) await deps.db.update(schedules).set({ doneAt: deps.now() }).where(eq(schedules.id, schedule.id));
    if (!started) return 'already-done';
    await deps.sendOutbox(started.messageId);
    return 'started';
  }

  const scoped = schedule.regionId ? [schedule.regionId] : schedule.regionIds;
  const scope = scoped ? { all: false as const, regionIds: withDescendants(regions, scoped) } : { all: true as const };
  const key = `remind:${schedule.id}`;
  // A retried job finds the outbox row of its first attempt and sends that one.
  const [existing] = await deps.db
    .select({ id: outboundMessages.id })
    .from(outboundMessages)
    .where(eq(outboundMessages.idempotencyKey, key));
  let messageId = existing?.id;
  if (messageId === undefined) {
    const waiting = await listCohort(deps.sql, schedule.pollRunId!, scope, 'nonrespondents');
    if (waiting.length === 0) {
      await deps.db.update(schedules).set({ doneAt: deps.now() }).where(eq(schedules.id, schedule.id));
      await audit('schedule.skip', { reason: 'everyoneAnswered' });
      return 'everyone-answered';
    }
    messageId = await createDraftMessage(deps.db, {
      orgId: schedule.orgId,
      pollId: schedule.pollId,
      pollRunId: schedule.pollRunId,
      cohort: 'nonrespondents',
      text: schedule.text,
      translations: schedule.translations,
      contactUuids: waiting.map((c) => c.uuid),
      identityId: schedule.createdBy!,
      idempotencyKey: key,
    });
  }
  // Asked for when the reminder was set: it goes out without a second confirmation.
  await deps.db
    .update(outboundMessages)
    .set({ state: 'pending', confirmedAt: deps.now(), replyTo: schedule.replyTo, language: schedule.language })
    .where(and(eq(outboundMessages.id, messageId), eq(outboundMessages.state, 'draft')));
  await deps.sendOutbox(messageId);
  await deps.db.update(schedules).set({ doneAt: deps.now() }).where(eq(schedules.id, schedule.id));
  const [sent] = await deps.db
    .select({ recipients: outboundMessages.recipientCount })
    .from(outboundMessages)
    .where(eq(outboundMessages.id, messageId));
  await audit('schedule.reminded', { recipients: sent?.recipients ?? 0 });
  return 'reminded';
}
