import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { regions } from './groups.ts';
import { orgs } from './orgs.ts';

/** RapidPro's contact statuses; only `active` contacts count in figures. */
export const contactStatuses = ['active', 'blocked', 'stopped', 'archived'] as const;
export type ContactStatus = (typeof contactStatuses)[number];

/**
 * Mirror of a RapidPro contact. `groupUuids` keeps every group it belongs to, so region and
 * reporter group can be derived again when an admin changes which groups are regions.
 */
export const contacts = pgTable(
  'contacts',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    uuid: text('uuid').notNull(),
    name: text('name'),
    language: text('language'),
    urns: text('urns').array().notNull().default(sql`'{}'::text[]`),
    fields: jsonb('fields').$type<Record<string, string | number | null>>().notNull().default({}),
    groupUuids: text('group_uuids').array().notNull().default(sql`'{}'::text[]`),
    regionId: integer('region_id').references(() => regions.id, { onDelete: 'set null' }),
    /**
     * Every reporter group the contact belongs to (ids of reporter_groups, ascending): TracPro
     * counts a contact in each of its reporter groups, while it keeps one region.
     */
    reporterGroupIds: integer('reporter_group_ids').array().notNull().default(sql`'{}'::int[]`),
    status: text('status').$type<ContactStatus>().notNull().default('active'),
    isDeleted: boolean('is_deleted').notNull().default(false),
    createdOn: timestamp('created_on', { withTimezone: true }),
    modifiedOn: timestamp('modified_on', { withTimezone: true }),
  },
  (t) => [uniqueIndex('contacts_org_uuid').on(t.orgId, t.uuid), index('contacts_region').on(t.regionId)],
);

/** The workspace's contact fields (gender, facility…), used for filters. */
export const contactFields = pgTable(
  'contact_fields',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    valueType: text('value_type').notNull(),
  },
  (t) => [uniqueIndex('contact_fields_org_key').on(t.orgId, t.key)],
);
