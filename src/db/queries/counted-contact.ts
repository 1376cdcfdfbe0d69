import type { Sql } from '../client.ts';

/**
 * The one definition of a contact who counts (TracPro's): active in RapidPro, not deleted, and
 * in a chosen region. Every query that counts or lists the contacts of figures uses it — the
 * figures themselves (build-figures.ts), `poll`, cohorts, answers read with filters, indicators,
 * `contacts`, exports and the contacts a poll start reaches — so they all agree. `alias` names
 * the contacts row in the query.
 */
export const countedContact = (sql: Sql, alias = 'c') =>
  sql`${sql(alias)}.status = 'active' and not ${sql(alias)}.is_deleted and ${sql(alias)}.region_id is not null`;
