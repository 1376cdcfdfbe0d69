import { boolean, foreignKey, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
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
