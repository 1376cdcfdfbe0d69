import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.ts';
import { chatIdentities } from './chat.ts';
import { pollRuns, polls } from './polls.ts';
import { orgs } from './orgs.ts';

export const outboundKinds = ['poll_start', 'broadcast'] as const;
export type OutboundKind = (typeof outboundKinds)[number];
export const cohorts = ['respondents', 'nonrespondents', 'all', 'contact', 'region'] as const;
export type Cohort = (typeof cohorts)[number];
/** `draft`: shown for confirmation, not sent; confirming moves it to `pending`, once. */
export const outboxStates = ['draft', 'pending', 'sending', 'sent', 'failed'] as const;
export type OutboxState = (typeof outboxStates)[number];

/**
 * The outbox and the message log in one: every poll start and every text to contacts is a row
 * here, written (with its idempotency key) before RapidPro is called. A second click, a retried
 * delivery or a second process finds the key taken and sends nothing.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: serial('id').primaryKey(),
    /** Random, so the batch keys sent to RapidPro are unique beyond this database (see batch-key.ts). */
    uuid: uuid('uuid').notNull().defaultRandom(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    kind: text('kind').$type<OutboundKind>().notNull(),
    pollId: integer('poll_id').references(() => polls.id, { onDelete: 'set null' }),
    pollRunId: integer('poll_run_id').references(() => pollRuns.id, { onDelete: 'set null' }),
    cohort: text('cohort').$type<Cohort>().notNull(),
    text: text('text'),
    /**
     * Broadcasts: the text per RapidPro language (`{eng: …, fra: …}`), so each contact reads it in
     * theirs; `text` is the one in the base language (and what a lost request is found by).
     */
    translations: jsonb('translations').$type<Record<string, string>>(),
    recipientCount: integer('recipient_count').notNull(),
    state: text('state').$type<OutboxState>().notNull().default('pending'),
    requestedBy: integer('requested_by').references(() => chatIdentities.id, { onDelete: 'set null' }),
    /** Where the outcome is reported (`<platform>:<chat id>`), in the requester's language. */
    replyTo: text('reply_to'),
    language: text('language').notNull().default('en'),
    lastError: text('last_error'),
    /** Failed sending attempts in a row; the next one waits longer (see plan-next-attempt.ts). */
    attempts: integer('attempts').notNull().default(0),
    /** When the reconciler may try again; null: at once. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** When it left `draft` (confirmed): a send that cannot be made for long enough gives up from here. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbound_messages_unfinished').on(t.nextAttemptAt).where(sql`state in ('pending', 'sending')`),
    uniqueIndex('outbound_messages_key').on(t.orgId, t.idempotencyKey),
    uniqueIndex('outbound_messages_uuid').on(t.uuid),
  ],
);

/**
 * A cohort split into RapidPro's per-request limit (100 contacts). Each batch moves through the
 * same states on its own, so a crash resumes at the first batch RapidPro has not accepted.
 */
export const outboundBatches = pgTable(
  'outbound_batches',
  {
    id: serial('id').primaryKey(),
    messageId: integer('message_id')
      .notNull()
      .references(() => outboundMessages.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    contactUuids: text('contact_uuids').array().notNull(),
    state: text('state').$type<OutboxState>().notNull().default('pending'),
    /** The flow start uuid or broadcast id RapidPro gave back; runs are matched to poll runs by it. */
    rapidproRef: text('rapidpro_ref'),
    attempts: integer('attempts').notNull().default(0),
    /** The process that last claimed it to send (host:pid): who to ask about a batch left `sending`. */
    claimedBy: text('claimed_by'),
    /** When the last request for it began: a batch still "sending" after a crash is looked up in RapidPro from here. */
    attemptedAt: timestamp('attempted_at', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('outbound_batches_seq').on(t.messageId, t.seq), index('outbound_batches_ref').on(t.rapidproRef)],
);

/** A message a contact sent outside any flow (TracPro's "unsolicited" inbox). */
export const inboxMessages = pgTable(
  'inbox_messages',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    rapidproId: text('rapidpro_id').notNull(),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    attachments: jsonb('attachments').$type<string[]>().notNull().default([]),
    createdOn: timestamp('created_on', { withTimezone: true }).notNull(),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('inbox_messages_org_id').on(t.orgId, t.rapidproId),
    index('inbox_created').on(t.orgId, t.createdOn),
  ],
);

export const contactEditActions = ['add', 'edit', 'remove'] as const;
export type ContactEditAction = (typeof contactEditActions)[number];

/**
 * A contact change made in chat, to be pushed to RapidPro: applied to the mirror at once, then
 * sent by a job until RapidPro accepts it or rejects it for good (the editor is then told).
 */
export const contactEdits = pgTable(
  'contact_edits',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    action: text('action').$type<ContactEditAction>().notNull(),
    /** What RapidPro's contacts.json is sent: name, language, urns, groups, fields. */
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
    state: text('state').$type<'pending' | 'sent' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    requestedBy: integer('requested_by').references(() => chatIdentities.id, { onDelete: 'set null' }),
    /** Where to report a rejection: `<platform>:<chat id>`. */
    replyTo: text('reply_to'),
    language: text('language').notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [index('contact_edits_pending').on(t.orgId, t.state)],
);
