import type { Sql } from '../client.ts';

/**
 * The one definition of a contact who counts in figures (asked, complete, partial; TracPro's):
 * active in RapidPro, not deleted, and inside a region. Every query that counts contacts of a
 * poll run uses it, so `poll`, `participation`, digests, charts and cohorts agree. The contact's
 * alias in the query must be `c`.
 */
export const countedContact = (sql: Sql) => sql`c.status = 'active' and not c.is_deleted and c.region_id is not null`;
