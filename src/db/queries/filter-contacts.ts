import type { Sql } from '../client.ts';

export interface ContactFilter {
  /** Contact-field filters, e.g. { gender: 'female' } (case-insensitive). */
  fields: Record<string, string>;
  /** Only members of this reporter group (a contact in several counts in each). */
  reporterGroupId?: number | null;
}

/** `and …` conditions keeping the contacts (row `c`) a filter asks for: `results`, charts, exports. */
export function filterContacts(sql: Sql, filter: ContactFilter) {
  const fields = Object.entries(filter.fields).map(
    ([key, value]) => sql`and lower(c.fields ->> ${key}) = lower(${value})`,
  );
  return sql`
    ${filter.reporterGroupId ? sql`and ${filter.reporterGroupId}::int = any(c.reporter_group_ids)` : sql``}
    ${fields.reduce((all, part) => sql`${all} ${part}`, sql``)}`;
}
