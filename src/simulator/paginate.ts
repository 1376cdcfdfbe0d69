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

export function paginate<T>(items: T[], key: (item: T) => Sortable, request: PageRequest) {
  const cursor = decode(request.url.searchParams.get('cursor'));
  const inWindow = items.filter((item) => {
    const { at } = key(item);
    return (!request.after || at >= request.after) && (!request.before || at <= request.before);
  });
  inWindow.sort((a, b) => key(b).at.getTime() - key(a).at.getTime() || key(b).id - key(a).id);
  const rest = cursor
    ? inWindow.filter((item) => {
        const { at, id } = key(item);
        return at.getTime() < cursor.at || (at.getTime() === cursor.at && id < cursor.id);
      })
    : inWindow;
  const page = rest.slice(0, request.pageSize);
  let next: string | null = null;
  if (rest.length > page.length) {
    const last = key(page[page.length - 1]!);
    const url = new URL(request.url);
    url.searchParams.set('cursor', Buffer.from(JSON.stringify({ at: last.at.getTime(), id: last.id })).toString('base64url'));
    next = url.toString();
  }
  return { page, next };
}

function decode(cursor: string | null): { at: number; id: number } | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof value.at === 'number' && typeof value.id === 'number' ? value : null;
  } catch {
    return null;
  }
}
