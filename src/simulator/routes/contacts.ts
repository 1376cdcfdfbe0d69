// contacts.json: read (with `deleted=true` for tombstones), create, update (`?uuid=`), delete.
import { paginate } from '../paginate.ts';
import { randomUuid } from '../random.ts';
import { toContactJson } from '../serialize.ts';
import type { SimContact } from '../store.ts';
import { invalid, isResult, ok, windowOf, type Route, type RouteContext, type RouteResult } from './context.ts';

export const contacts: Route = (ctx) => {
  switch (ctx.method) {
    case 'GET':
      return list(ctx);
    case 'POST':
      return write(ctx);
    case 'DELETE':
      return remove(ctx);
    default:
      return { status: 405, body: { detail: `Method "${ctx.method}" not allowed.` } };
  }
};

function list({ store, url, pageSize }: RouteContext): RouteResult {
  const window = windowOf(url);
  if (isResult(window)) return window;
  const deleted = url.searchParams.get('deleted') === 'true';
  const uuid = url.searchParams.get('uuid');
  const urn = url.searchParams.get('urn');
  const group = url.searchParams.get('group');
  const groupUuid = group ? store.groupByUuidOrName(group)?.uuid ?? '-' : null;
  const items = [...store.contacts.values()].filter(
    (c) =>
      c.deleted === deleted &&
      (!uuid || c.uuid === uuid) &&
      (!urn || c.urns.includes(urn)) &&
      (!groupUuid || c.groups.includes(groupUuid)),
  );
  const { page, next } = paginate(items, (c) => ({ id: c.id, at: c.modifiedOn }), { url, pageSize, ...window });
  return ok({ next, previous: null, results: page.map((c) => toContactJson(c, store)) });
}

interface ContactBody {
  name?: string | null;
  language?: string | null;
  urns?: string[];
  groups?: string[];
  fields?: Record<string, string | null>;
}

function write({ store, url, body, random }: RouteContext): RouteResult {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return invalid({ non_field_errors: ['Invalid data.'] });
  const data = body as ContactBody;
  const groups: string[] = [];
  for (const ref of data.groups ?? []) {
    const group = store.groupByUuidOrName(ref);
    if (!group) return invalid({ groups: [`No such object: ${ref}`] });
    if (group.query) return invalid({ groups: ['Contact group must not be query based: ' + group.name] });
    groups.push(group.uuid);
  }
  if (data.language != null && !/^[a-z]{3}$/.test(data.language)) return invalid({ language: ['Ensure this field has no more than 3 characters.'] });
  const uuid = url.searchParams.get('uuid');
  if (uuid) {
    const existing = store.contacts.get(uuid);
    if (!existing || existing.deleted) return { status: 404, body: { detail: 'Not found.' } };
    const patch: Partial<SimContact> = {};
    if (data.name !== undefined) patch.name = data.name;
    if (data.language !== undefined) patch.language = data.language;
    if (data.urns !== undefined) patch.urns = data.urns;
    if (data.groups !== undefined) patch.groups = groups;
    if (data.fields !== undefined) patch.fields = { ...existing.fields, ...data.fields };
    return ok(toContactJson(store.editContact(uuid, patch), store));
  }
  const now = store.stamp();
  const contact: SimContact = {
    id: store.nextId(),
    uuid: randomUuid(random),
    name: data.name ?? null,
    language: data.language ?? null,
    urns: data.urns ?? [],
    groups,
    fields: data.fields ?? {},
    status: 'active',
    createdOn: now,
    modifiedOn: now,
    lastSeenOn: null,
    deleted: false,
  };
  store.contacts.set(contact.uuid, contact);
  return { status: 201, body: toContactJson(contact, store) };
}

function remove({ store, url }: RouteContext): RouteResult {
  const uuid = url.searchParams.get('uuid');
  const contact = uuid ? store.contacts.get(uuid) : undefined;
  if (!contact || contact.deleted) return { status: 404, body: { detail: 'Not found.' } };
  store.deleteContact(contact.uuid);
  return { status: 204 };
}
