// One page of a list endpoint in RapidPro's envelope: `{next, previous, results}`.
import { paginateSorted, type Sortable } from '../paginate.ts';
import type { RouteResult } from './context.ts';

interface ListRequest {
  url: URL;
  pageSize: number;
  window: { after: Date | null; before: Date | null; empty: boolean };
}

/** Pages items already sorted newest first by `key`, then serializes the page. */
export function listPage<T>(
  sorted: readonly T[],
  key: (item: T) => Sortable,
  request: ListRequest,
  serialize: (item: T) => unknown,
): RouteResult {
  if (request.window.empty) return { status: 200, body: { next: null, previous: null, results: [] } };
  const { after, before } = request.window;
  const { page, next, badCursor } = paginateSorted(sorted, key, {
    url: request.url,
    pageSize: request.pageSize,
    after,
    before,
  });
  if (badCursor) return { status: 404, body: { detail: 'Invalid cursor' } };
  return { status: 200, body: { next, previous: null, results: page.map(serialize) } };
}

/** Sorts newest first by `key` (ties: higher id first), then pages. */
export function listSorted<T>(
  items: readonly T[],
  key: (item: T) => Sortable,
  request: ListRequest,
  serialize: (item: T) => unknown,
): RouteResult {
  const sorted = [...items].sort((a, b) => key(b).at.getTime() - key(a).at.getTime() || key(b).id - key(a).id);
  return listPage(sorted, key, request, serialize);
}

/** A list that RapidPro does not filter by time (groups, fields, boundaries). */
export const noWindow = { after: null, before: null, empty: false };

/**
 * Pages a newest-first list, or oldest first with `reverse` (RapidPro's `reverse=true` on
 * modified_on lists): the keys are mirrored so the same keyset cursor works both ways.
 */
export function listByTime<T>(
  sorted: readonly T[],
  key: (item: T) => Sortable,
  request: ListRequest,
  serialize: (item: T) => unknown,
  reverse = false,
): RouteResult {
  if (!reverse || request.window.empty) return listPage(sorted, key, request, serialize);
  const { after, before } = request.window;
  const inWindow = sorted.filter((item) => (!after || key(item).at >= after) && (!before || key(item).at <= before));
  const mirrored = (item: T) => {
    const k = key(item);
    return { at: new Date(-k.at.getTime()), id: -k.id };
  };
  return listPage(inWindow.reverse(), mirrored, { ...request, window: noWindow }, serialize);
}
