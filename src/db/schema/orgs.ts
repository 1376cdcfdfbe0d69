import { sql } from 'drizzle-orm';
import type { WatchThresholds } from '../../domain/watch-settings.ts';
import { integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export interface OrgSettings {
  /** The workspace of the bundled simulator, re-pointed at it on every start. */
  demo?: boolean;
  /** How often each sync job (and the watch) runs, in Agenda's interval words ("1 minute"). */
  syncEvery?: Partial<
    Record<'groups' | 'fields' | 'boundaries' | 'contacts' | 'flows' | 'runs' | 'inbox' | 'watch', string>
  >;
  /** What "behind" means for this org's watch (`watch threshold`); the rest are defaults. */
  watch?: WatchThresholds;
  /**
   * How far before the last checkpoint each incremental window starts, in minutes (default 5):
   * covers RapidPro's late commits and replica lag, and a bot clock ahead of RapidPro's.
   */
  syncMarginMinutes?: number;
  /**
   * This workspace's API rates where its RapidPro server gives it other than RAPIDPRO_API_RATES
   * (RapidPro's `Org.api_rates`, merged over the defaults the same way): `{"v2.runs": "10000/hour"}`.
   */
  rapidproApiRates?: Record<string, string>;
  /**
   * Stored twice before orgs were known by their workspace's uuid (the same token under another
   * spelling of its address): this one is the duplicate, kept but no longer synced.
   */
  sameWorkspaceAs?: number;
}

/**
 * One RapidPro workspace, known by its uuid (workspace.json): the URL it is reached at may change
 * (a new host name, https) and it stays the same org. The API token is stored encrypted (see
 * src/core/secrets.ts).
 */
export const orgs = pgTable(
  'orgs',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** Null only for orgs stored before workspaces were known by uuid, until their next start. */
    workspaceUuid: text('workspace_uuid'),
    apiUrl: text('api_url').notNull(),
    apiTokenEncrypted: text('api_token_encrypted').notNull(),
    timezone: text('timezone').notNull().default('UTC'),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    primaryLanguage: text('primary_language'),
    settings: jsonb('settings').$type<OrgSettings>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('orgs_workspace_uuid').on(t.workspaceUuid)],
);

/** RapidPro administrative boundaries, with geometry when RapidPro gives it (for maps). */
export const boundaries = pgTable(
  'boundaries',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    osmId: text('osm_id').notNull(),
    name: text('name').notNull(),
    level: integer('level').notNull(),
    parentOsmId: text('parent_osm_id'),
    geometry: jsonb('geometry'),
  },
  (t) => [uniqueIndex('boundaries_org_osm').on(t.orgId, t.osmId)],
);
