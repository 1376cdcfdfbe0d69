// runs.json: newest first by modified_on, filtered by flow or contact (not both, as in
// RapidPro), uuid, responded, and the after/before window.
import { toRunJson } from '../serialize.ts';
import { byMethod, checkExclusive, isTrue, windowOf } from './context.ts';
import { listPage } from './list.ts';

export const runs = byMethod({
  GET: ({ store, url, pageSize }) => {
    const conflict = checkExclusive(url, ['contact', 'flow']);
    if (conflict) return conflict;
    const flow = url.searchParams.get('flow');
    const contact = url.searchParams.get('contact');
    const uuid = url.searchParams.get('uuid');
    // RapidPro only ever narrows to responded runs: `responded=false` filters nothing.
    const respondedOnly = isTrue(url.searchParams.get('responded'));
    const includePaths = url.searchParams.get('paths') === null || isTrue(url.searchParams.get('paths'));
    // A contact filter naming a deleted or unknown contact matches nothing, as in RapidPro.
    const known = !contact || store.contacts.get(contact)?.deleted === false;
    const ordered = known ? store.runsNewestFirst(flow) : [];
    // The common case (a flow and a window) pages the index directly; other filters narrow it first.
    const items =
      contact || uuid || respondedOnly
        ? ordered.filter(
            (r) =>
              (!contact || r.contactUuid === contact) && (!uuid || r.uuid === uuid) && (!respondedOnly || r.responded),
          )
        : ordered;
    return listPage(
      items,
      (r) => ({ id: r.id, at: r.modifiedOn }),
      { url, pageSize, window: windowOf(url) },
      (r) => toRunJson(r, store, includePaths),
    );
  },
});
