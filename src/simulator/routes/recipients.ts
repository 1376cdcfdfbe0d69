// Who a flow start or a broadcast is for: `contacts` (uuids or URNs), `groups` (uuids or names)
// and `urns`, each capped at 100 per request as in RapidPro. Errors are gathered per field,
// with RapidPro's messages, so a client sees what it would see from the real server.
import { randomUuid, type Random } from '../random.ts';
import type { SimContact, SimGroup, SimulatorStore } from '../store.ts';

const MAX_ITEMS = 100;

export interface Recipients {
  contacts: SimContact[];
  groups: SimGroup[];
  urns: string[];
}

export type FieldErrors = Record<string, unknown>;

function readList(body: Record<string, unknown>, name: string, errors: FieldErrors): string[] {
  const value = body[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors[name] = [`Expected a list of items but got type "${typeof value === 'string' ? 'str' : typeof value}".`];
    return [];
  }
  if (value.length > MAX_ITEMS) {
    errors[name] = [`Ensure this field has no more than ${MAX_ITEMS} elements.`];
    return [];
  }
  if (!value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    errors[name] = ['Must be a string or integer'];
    return [];
  }
  return value.map(String);
}

/** A URN as RapidPro accepts it: `scheme:path`, phone numbers with their country code. */
export const isValidUrn = (urn: string): boolean =>
  /^[a-z]+:.+$/.test(urn) && (!urn.startsWith('tel:') || /^tel:\+\d{6,15}$/.test(urn));

export function readRecipients(body: Record<string, unknown>, store: SimulatorStore, errors: FieldErrors): Recipients {
  const contacts: SimContact[] = [];
  for (const ref of readList(body, 'contacts', errors)) {
    const contact = store.contacts.get(ref) ?? store.contactByUrn(ref);
    if (!contact || contact.deleted) {
      errors.contacts = [`No such object: ${ref}`];
      break;
    }
    contacts.push(contact);
  }
  const groups: SimGroup[] = [];
  for (const ref of readList(body, 'groups', errors)) {
    const group = store.groupByUuidOrName(ref);
    if (!group) {
      errors.groups = [`No such object: ${ref}`];
      break;
    }
    groups.push(group);
  }
  const urns = readList(body, 'urns', errors);
  const badUrn = urns.findIndex((urn) => !isValidUrn(urn));
  if (badUrn >= 0)
    errors.urns = { [badUrn]: [`Invalid URN: ${urns[badUrn]}. Ensure phone numbers contain country codes.`] };
  return { contacts, groups, urns };
}

/**
 * Everyone the request reaches, each once: named contacts, group members, and contacts by URN
 * (RapidPro creates a contact for a URN it does not know).
 */
export function expandRecipients(store: SimulatorStore, recipients: Recipients, random: Random): SimContact[] {
  const seen = new Map<string, SimContact>();
  for (const contact of recipients.contacts) seen.set(contact.uuid, contact);
  for (const group of recipients.groups)
    for (const contact of store.membersOf(group.uuid)) seen.set(contact.uuid, contact);
  for (const urn of recipients.urns) {
    const contact =
      store.contactByUrn(urn) ??
      store.addContact({
        uuid: randomUuid(random),
        name: null,
        language: null,
        urns: [urn],
        groups: [],
        fields: {},
        status: 'active',
        lastSeenOn: null,
      });
    seen.set(contact.uuid, contact);
  }
  return [...seen.values()];
}
