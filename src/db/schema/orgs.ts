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
  /** RapidPro requests an hour per throttle scope for this workspace (default RAPIDPRO_REQUESTS_PER_HOUR). */
  rapidproRequestsPerHour?: number;
  /** The same for the broadcasts scope (default RAPIDPRO_BROADCASTS_PER_HOUR). */
  rapidproBroadcastsPerHour?: number;
}

/** One RapidPro workspace. The API token is stored encrypted (see src/core/secrets.ts). */
export const orgs = pgTable(
  'orgs',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    apiUrl: text('api_url').notNull(),
    apiTokenEncrypted: text('api_token_encrypted').notNull(),
    timezone: text('timezone').notNull().default('UTC'),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    primaryLanguage: text('primary_language'),
    settings: jsonb('settings').$type<OrgSettings>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('orgs_api_url_name').on(t.apiUrl, t.name)],
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
