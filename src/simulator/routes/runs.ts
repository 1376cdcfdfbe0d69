import { paginate } from '../paginate.ts';
import { toRunJson } from '../serialize.ts';
import { isResult, ok, windowOf, type Route } from './context.ts';

/** runs.json: newest first by modified_on, filtered by flow, contact, uuid, responded, window. */
export const runs: Route = ({ store, url, pageSize }) => {
  const window = windowOf(url);
  if (isResult(window)) return window;
  const flow = url.searchParams.get('flow');
  const contact = url.searchParams.get('contact');
  const uuid = url.searchParams.get('uuid');
  const responded = url.searchParams.get('responded');
  const items = store
    .listRuns()
    .filter(
      (r) =>
        (!flow || r.flowUuid === flow) &&
        (!contact || r.contactUuid === contact) &&
        (!uuid || r.uuid === uuid) &&
        (responded === null || r.responded === (responded === 'true')),
    );
  const { page, next } = paginate(items, (r) => ({ id: r.id, at: r.modifiedOn }), { url, pageSize, ...window });
  return ok({ next, previous: null, results: page.map((r) => toRunJson(r, store)) });
};
