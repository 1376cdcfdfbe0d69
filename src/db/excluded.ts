import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The `set` of an upsert that takes these columns from the row being inserted
 * (`col = excluded.col`), so a multi-row insert updates every conflicting row in one statement.
 */
export function fromExcluded<T extends PgTable>(
  table: T,
  keys: (keyof T['$inferInsert'] & string)[],
): Record<string, SQL> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, sql.raw(`excluded."${columns[key]!.name}"`)]));
}
