// contacts.json: list (with `deleted=true` for tombstones only), create and update (POST, with
// `?uuid=` or `?urn=` to update), delete (DELETE with `?uuid=` or `?urn=`).
import { toContactJson } from '../serialize.ts';
import { lookUp, writeContact } from './contact-write.ts';
import { byMethod, invalid, isTrue, notFound, windowOf, type RouteContext, type RouteResult } from './context.ts';
import { listByTime } from './list.ts';
import { isValidUrn } from './recipients.ts';

function list({ store, url, pageSize }: RouteContext): RouteResult {
  const deleted = isTrue(url.searchParams.get('deleted'));
  const uuid = url.searchParams.get('uuid');
  const urn = url.searchParams.get('urn');
  if (urn && !isValidUrn(urn)) return invalid({ detail: `Invalid URN: ${urn}` });
  const group = url.searchParams.get('group');
  // The list filter matches a group's name exactly (writes ignore case).
  const groupUuid = group ? (store.groups.find((g) => g.uuid === group || g.name === group)?.uuid ?? '-') : null;
  const items = [...store.contacts.values()].filter(
    (c) =>
      c.deleted === deleted &&
      (!uuid || c.uuid === uuid) &&
      (!urn || c.urns.includes(urn)) &&
      (!groupUuid || c.groups.includes(groupUuid)),
  );
  items.sort((a, b) => b.modifiedOn.getTime() - a.modifiedOn.getTime() || b.id - a.id);
  const request = { url, pageSize, window: windowOf(url) };
  return listByTime(
    items,
    (c) => ({ id: c.id, at: c.modifiedOn }),
    request,
    (c) => toContactJson(c, store),
    isTrue(url.searchParams.get('reverse')),
  );
}

function remove({ store, url }: RouteContext): RouteResult {
  const found = lookUp(store, url);
  if (found === undefined) return invalid({ detail: 'URL must contain one of the following parameters: urn, uuid' });
  if ('status' in found) return found;
  if (!found.contact) return notFound();
  // Deleting twice is harmless: the tombstone stays as it was.
  store.deleteContact(found.contact.uuid);
  return { status: 204 };
}

export const contacts = byMethod({ GET: list, POST: writeContact, DELETE: remove });
