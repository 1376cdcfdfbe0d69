// RapidPro's cursor pagination: newest first by a timestamp, ties by id, and an opaque cursor
// that is the position of the last item served. An object edited between two page reads moves
// to the front instead of shifting every later page, as with a real keyset cursor.

export interface Sortable {
  id: number;
  at: Date;
}

export interface PageRequest {
  url: URL;
  pageSize: number;
  after: Date | null;
  before: Date | null;
}

/** Pages items already sorted newest first, finding the window and the cursor by bisection. */
export function paginateSorted<T>(sorted: readonly T[], key: (item: T) => Sortable, request: PageRequest) {
  const cursor = decode(request.url.searchParams.get('cursor'));
  if (cursor === 'bad') return { page: [] as T[], next: null, badCursor: true };
  // Index of the first item that comes after position (at, id) in newest-first order.
  const firstAfter = (at: number, id: number) =>
    bisect(sorted, (item) => {
      const k = key(item);
      return k.at.getTime() < at || (k.at.getTime() === at && k.id < id);
    });
  let start = request.before ? firstAfter(request.before.getTime(), Number.POSITIVE_INFINITY) : 0;
  if (cursor) start = Math.max(start, firstAfter(cursor.at, cursor.id));
  // `after` is inclusive: stop before the first item older than it.
  const end = request.after ? firstAfter(request.after.getTime(), Number.NEGATIVE_INFINITY) : sorted.length;
  const page = sorted.slice(start, Math.min(end, start + request.pageSize));
  let next: string | null = null;
  if (start + page.length < end) {
    const last = key(page[page.length - 1]!);
    const url = new URL(request.url);
    url.searchParams.set(
      'cursor',
      Buffer.from(JSON.stringify({ at: last.at.getTime(), id: last.id })).toString('base64url'),
    );
    next = url.toString();
  }
  return { page, next, badCursor: false };
}

/** The first index whose item satisfies `isPast` (which must be monotonic over the array). */
function bisect<T>(items: readonly T[], isPast: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isPast(items[mid]!)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** The position a cursor holds; 'bad' for one this server did not make (RapidPro: 404). */
function decode(cursor: string | null): { at: number; id: number } | null | 'bad' {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof value.at === 'number' && typeof value.id === 'number' ? value : 'bad';
  } catch {
    return 'bad';
  }
}
