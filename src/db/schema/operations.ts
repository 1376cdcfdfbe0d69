import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { chatIdentities } from './chat.ts';
import { orgs } from './orgs.ts';

/**
 * Where each sync job of an org stands. `syncedUntil` is the end of the last complete window;
 * `windowEnd` and `cursor` describe a window in progress, so a killed job resumes mid-way.
 */
export const syncCheckpoints = pgTable(
  'sync_checkpoints',
  {
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(),
    syncedUntil: timestamp('synced_until', { withTimezone: true }),
    windowEnd: timestamp('window_end', { withTimezone: true }),
    cursor: text('cursor'),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastError: text('last_error'),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.entity] })],
);

/** Who did what: poll starts, messages, contact edits, settings. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    identityId: integer('identity_id').references(() => chatIdentities.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_org_at').on(t.orgId, t.at)],
);
