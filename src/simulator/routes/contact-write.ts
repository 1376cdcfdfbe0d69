// POST contacts.json: creates a contact, or updates the one named by `?uuid=` / `?urn=`.
// Validation follows RapidPro's ContactWriteSerializer; an update only touches the contact
// (and its modified_on) when something actually changes. Groups given replace the static ones.
import { randomUuid } from '../random.ts';
import { toContactJson } from '../serialize.ts';
import { withSmartGroups } from '../smart-groups.ts';
import type { SimContact, SimulatorStore } from '../store.ts';
import { invalid, notFound, type RouteContext, type RouteResult } from './context.ts';
import { isValidUrn, type FieldErrors } from './recipients.ts';

/** The contact a write names with `?uuid=` or `?urn=`: undefined when none is named. */
export function lookUp(
  store: SimulatorStore,
  url: URL,
): { contact: SimContact | null; byUrn: string | null } | RouteResult | undefined {
  const uuid = url.searchParams.get('uuid');
  const urn = url.searchParams.get('urn');
  if (uuid !== null && urn !== null)
    return invalid({ detail: 'URL can only contain one of the following parameters: urn, uuid' });
  if (uuid !== null) return { contact: store.contacts.get(uuid) ?? null, byUrn: null };
  if (urn !== null) {
    if (!isValidUrn(urn)) return invalid({ detail: `Invalid URN: ${urn}` });
    return { contact: store.contactByUrn(urn) ?? null, byUrn: urn };
  }
  return undefined;
}

type Changes = Partial<Pick<SimContact, 'name' | 'language' | 'urns' | 'groups' | 'fields'>>;

function readChanges(
  data: Record<string, unknown>,
  store: SimulatorStore,
  existing: SimContact | null,
  byUrn: string | null,
  errors: FieldErrors,
): Changes {
  const changes: Changes = {};
  if ('name' in data) {
    if (data.name !== null && typeof data.name !== 'string') errors.name = ['Not a valid string.'];
    else if (typeof data.name === 'string' && data.name.length > 64)
      errors.name = ['Ensure this field has no more than 64 characters.'];
    else changes.name = data.name === '' ? null : (data.name as string | null);
  }
  if ('language' in data) {
    if (data.language !== null && (typeof data.language !== 'string' || !/^[a-z]{3}$/.test(data.language)))
      errors.language = ['Not a valid ISO639-3 language code.'];
    else changes.language = data.language as string | null;
  }
  if ('urns' in data) {
    const urns = data.urns;
    if (byUrn) errors.urns = ['Field not allowed when using URN in URL'];
    else if (!Array.isArray(urns) || !urns.every((u) => typeof u === 'string'))
      errors.urns = ['Expected a list of items.'];
    else if (urns.length > 100) errors.urns = ['Ensure this field has no more than 100 elements.'];
    else {
      const bad = urns.findIndex((u) => !isValidUrn(u));
      const taken = urns.findIndex((u) => store.contactByUrn(u) && store.contactByUrn(u) !== existing);
      if (bad >= 0) errors.urns = { [bad]: [`Invalid URN: ${urns[bad]}. Ensure phone numbers contain country codes.`] };
      // RapidPro's words and shape: `{"urns": {"0": ["URN is in use by another contact."]}}`.
      else if (taken >= 0 && !existing) errors.urns = { [taken]: ['URN is in use by another contact.'] };
      else changes.urns = urns;
    }
  }
  if ('groups' in data) {
    const refs = Array.isArray(data.groups) ? data.groups : null;
    const groups = (refs ?? []).map((ref) => (typeof ref === 'string' ? store.groupByUuidOrName(ref) : undefined));
    const missing = refs?.find((_ref, i) => !groups[i]);
    const smart = groups.find((g) => g?.query);
    if (!refs) errors.groups = ['Expected a list of items.'];
    else if (missing !== undefined) errors.groups = [`No such object: ${String(missing)}`];
    else if (smart) errors.groups = [`Contact group must not be query based: ${smart.name}`];
    else if (existing && existing.status !== 'active' && groups.length > 0)
      errors.groups = ["Non-active contacts can't be added to groups"];
    else changes.groups = groups.map((g) => g!.uuid);
  }
  if ('fields' in data) {
    const fields = data.fields;
    const unknownKey =
      fields && typeof fields === 'object'
        ? Object.keys(fields).find((key) => !store.fields.some((f) => f.key === key))
        : undefined;
    if (!fields || typeof fields !== 'object' || Array.isArray(fields))
      errors.fields = ['Expected a dictionary of items.'];
    else if (unknownKey) errors.fields = [`Invalid contact field key: ${unknownKey}`];
    else {
      const merged: Record<string, string | null> = { ...existing?.fields };
      for (const [key, value] of Object.entries(fields))
        merged[key] = value === null || value === '' ? null : String(value);
      changes.fields = merged;
    }
  }
  return changes;
}

/** Moves URNs a contact takes from other contacts (RapidPro "steals" them on update). */
function takeUrns(store: SimulatorStore, contact: SimContact, urns: string[]): void {
  for (const urn of urns) {
    const holder = store.contactByUrn(urn);
    if (holder && holder !== contact) store.editContact(holder.uuid, { urns: holder.urns.filter((u) => u !== urn) });
  }
}

export function writeContact({ store, url, body, random }: RouteContext): RouteResult {
  const found = lookUp(store, url);
  if (found && 'status' in found) return found;
  if (found && !found.contact && !found.byUrn) return notFound();
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return invalid({ non_field_errors: ['Request body should be a single JSON object'] });
  const existing = found?.contact ?? null;
  if (existing?.deleted) return invalid({ non_field_errors: ["Deleted contacts can't be modified."] });
  const errors: FieldErrors = {};
  const changes = readChanges(body as Record<string, unknown>, store, existing, found?.byUrn ?? null, errors);
  if (Object.keys(errors).length > 0) return invalid(errors);

  if (!existing) {
    const draft: SimContact = {
      id: 0,
      uuid: randomUuid(random),
      name: changes.name ?? null,
      language: changes.language ?? null,
      urns: changes.urns ?? (found?.byUrn ? [found.byUrn] : []),
      groups: [],
      fields: changes.fields ?? {},
      status: 'active',
      createdOn: new Date(0),
      modifiedOn: new Date(0),
      lastSeenOn: null,
      deleted: false,
    };
    const { id: _id, createdOn: _c, modifiedOn: _m, deleted: _d, ...fresh } = draft;
    const contact = store.addContact({ ...fresh, groups: withSmartGroups(store, draft, changes.groups ?? []) });
    return { status: 201, body: toContactJson(contact, store) };
  }
  const next: SimContact = { ...existing, ...changes };
  next.groups = withSmartGroups(store, next, changes.groups ?? existing.groups);
  const changed = (['name', 'language', 'urns', 'groups', 'fields'] as const).filter(
    (key) => JSON.stringify(next[key]) !== JSON.stringify(existing[key]),
  );
  if (changed.length > 0) {
    if (changes.urns) takeUrns(store, existing, changes.urns);
    store.editContact(existing.uuid, Object.fromEntries(changed.map((key) => [key, next[key]])));
  }
  return { status: 200, body: toContactJson(existing, store) };
}
