import type { Sql } from '../client.ts';

/** A contact's reporter groups by name, `A, B` in alphabetical order (the contacts row is `c`). */
export const reporterGroupNames = (sql: Sql) =>
  sql`(select string_agg(rg.name, ', ' order by rg.name) from reporter_groups rg where rg.id = any(c.reporter_group_ids))`;
