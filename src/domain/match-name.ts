// Forgiving lookup of a poll or region the user typed: `#12` (an id, as buttons send it), the
// exact name, or a unique prefix, all ignoring case and accents; a near miss gets a suggestion.
import { closest, distance } from 'fastest-levenshtein';

export interface Named {
  id: number;
  name: string;
}

export type Match<T> =
  | { kind: 'found'; item: T }
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'none'; suggestion: T | null };

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
}

export function matchByName<T extends Named>(items: readonly T[], query: string): Match<T> {
  const byId = /^#(\d{1,9})$/.exec(query.trim());
  if (byId) {
    const item = items.find((candidate) => candidate.id === Number(byId[1]));
    return item ? { kind: 'found', item } : { kind: 'none', suggestion: null };
  }
  const wanted = fold(query);
  if (wanted === '') return { kind: 'none', suggestion: null };
  const exact = items.filter((item) => fold(item.name) === wanted);
  if (exact.length === 1) return { kind: 'found', item: exact[0]! };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact };
  const prefixed = items.filter((item) => fold(item.name).startsWith(wanted));
  if (prefixed.length === 1) return { kind: 'found', item: prefixed[0]! };
  if (prefixed.length > 1) return { kind: 'ambiguous', candidates: prefixed };
  if (items.length === 0) return { kind: 'none', suggestion: null };
  const names = items.map((item) => fold(item.name));
  const nearest = closest(wanted, names);
  // Only a close call is worth suggesting: at most a third of the word differs.
  const close = distance(wanted, nearest) <= Math.max(1, Math.floor(nearest.length / 3));
  return { kind: 'none', suggestion: close ? items[names.indexOf(nearest)]! : null };
}
