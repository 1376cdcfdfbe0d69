import { boolean, foreignKey, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { boundaries, orgs } from './orgs.ts';

/** A RapidPro contact group chosen as a region. Admins arrange regions in a tree. */
export const regions = pgTable(
  'regions',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    uuid: text('uuid').notNull(),
    name: text('name').notNull(),
    parentId: integer('parent_id'),
    boundaryId: integer('boundary_id').references(() => boundaries.id, { onDelete: 'set null' }),
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [
    uniqueIndex('regions_org_uuid').on(t.orgId, t.uuid),
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }).onDelete('set null'),
  ],
);

/** A RapidPro contact group chosen as a "type of contact" (head teachers, teachers…). */
export const reporterGroups = pgTable(
  'reporter_groups',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    uuid: text('uuid').notNull(),
    name: text('name').notNull(),
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [uniqueIndex('reporter_groups_org_uuid').on(t.orgId, t.uuid)],
);

/**
 * The workspace's contact groups as RapidPro lists them (groups.json), read whole by the groups
 * sync: what `setup` offers as regions and reporter groups, without asking RapidPro while an
 * admin waits. Smart groups (a query) and RapidPro's own system groups are kept but not offered.
 */
export const workspaceGroups = pgTable(
  'workspace_groups',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    uuid: text('uuid').notNull(),
    name: text('name').notNull(),
    isSmart: boolean('is_smart').notNull().default(false),
    isSystem: boolean('is_system').notNull().default(false),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('workspace_groups_org_uuid').on(t.orgId, t.uuid)],
);
