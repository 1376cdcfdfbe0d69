// messages.json: `folder=inbox` holds incoming messages no flow handled (TracPro's unsolicited
// messages), `folder=incoming` every handled incoming one. As in RapidPro, the incoming folder
// is ordered and windowed by modified_on, the others by created_on; `contact` and `folder`
// cannot be combined.
import { toMessageJson } from '../serialize.ts';
import type { SimMessage } from '../store.ts';
import { byMethod, checkExclusive, windowOf } from './context.ts';
import { listSorted } from './list.ts';

const folders: Record<string, (m: SimMessage) => boolean> = {
  inbox: (m) => m.direction === 'in' && m.flowUuid === null,
  flows: (m) => m.direction === 'in' && m.flowUuid !== null,
  incoming: (m) => m.direction === 'in',
  sent: (m) => m.direction === 'out',
  outbox: () => false,
  failed: () => false,
  archived: () => false,
};

export const messages = byMethod({
  GET: ({ store, url, pageSize }) => {
    const conflict = checkExclusive(url, ['contact', 'folder', 'label', 'broadcast']);
    if (conflict) return conflict;
    const folder = url.searchParams.get('folder')?.toLowerCase();
    const inFolder = folder ? (folders[folder] ?? (() => false)) : () => true;
    const contact = url.searchParams.get('contact');
    const broadcast = url.searchParams.get('broadcast');
    const items = store.messages.filter(
      (m) =>
        inFolder(m) && (!contact || m.contactUuid === contact) && (!broadcast || String(m.broadcast) === broadcast),
    );
    const key =
      folder === 'incoming'
        ? (m: SimMessage) => ({ id: m.id, at: m.modifiedOn })
        : (m: SimMessage) => ({ id: m.id, at: m.createdOn });
    return listSorted(items, key, { url, pageSize, window: windowOf(url) }, (m) => toMessageJson(m, store));
  },
});
