import type { Page } from './create-client.ts';

/** Every item of every page, for small lists (groups, flows, fields) that fit in memory. */
export async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page.results);
  return items;
}
