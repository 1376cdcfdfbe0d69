// broadcasts.json: POST sends a message to contacts, groups and URNs; GET lists broadcasts.
// Text is a string (the workspace's primary language) or per language `{eng: …, fra: …}`; each
// active contact reached gets one outgoing message in its language when there is one.
import { toBroadcastJson } from '../serialize.ts';
import type { SimBroadcast } from '../store.ts';
import { byMethod, invalid, windowOf, type RouteContext, type RouteResult } from './context.ts';
import { listSorted } from './list.ts';
import { expandRecipients, readRecipients, type FieldErrors } from './recipients.ts';

const MAX_TEXT = 4096;

function readText(value: unknown, primary: string, errors: FieldErrors): Record<string, string> | null {
  if (value === undefined || value === null) return null;
  const translations = typeof value === 'string' ? { [primary]: value } : value;
  if (typeof translations !== 'object' || Array.isArray(translations)) {
    errors.text = ['Not a valid string.'];
    return null;
  }
  const entries = Object.entries(translations as Record<string, unknown>);
  if (entries.length === 0) errors.text = ['This field may not be empty.'];
  for (const [lang, text] of entries) {
    if (!/^[a-z]{3}$/.test(lang)) errors.text = [`Not an allowed ISO 639-3 language code: ${lang}.`];
    else if (typeof text !== 'string' || text.trim() === '') errors.text = { [lang]: ['This field may not be blank.'] };
    else if (text.length > MAX_TEXT)
      errors.text = { [lang]: [`Ensure this field has no more than ${MAX_TEXT} characters.`] };
  }
  return translations as Record<string, string>;
}

function create({ store, body, random }: RouteContext): RouteResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return invalid({ non_field_errors: ['Request body should be a single JSON object'] });
  const data = body as Record<string, unknown>;
  const errors: FieldErrors = {};
  const primary = store.workspace.primaryLanguage;
  const translations = readText(data.text, primary, errors);
  const recipients = readRecipients(data, store, errors);
  if (Object.keys(errors).length > 0) return invalid(errors);
  if (!translations) return invalid({ non_field_errors: ['Must provide either text or attachments.'] });
  if (recipients.contacts.length + recipients.groups.length + recipients.urns.length === 0) {
    return invalid({ non_field_errors: ['Must provide either urns, contacts or groups.'] });
  }
  const requestedBase = typeof data.base_language === 'string' ? data.base_language : null;
  if (requestedBase && !(requestedBase in translations))
    return invalid({ non_field_errors: ['No text translation provided in base language.'] });
  const baseLanguage = requestedBase ?? (primary in translations ? primary : Object.keys(translations)[0]!);

  const broadcast: SimBroadcast = {
    id: store.nextId(),
    text: translations[baseLanguage]!,
    translations,
    baseLanguage,
    contacts: recipients.contacts.map((c) => c.uuid),
    groups: recipients.groups.map((g) => g.uuid),
    urns: recipients.urns,
    reached: [],
    status: 'queued',
    createdOn: store.stamp(),
  };
  store.broadcasts.push(broadcast);
  const accepted = toBroadcastJson(broadcast, store);
  // Stopped and blocked contacts are not sent to.
  for (const contact of expandRecipients(store, recipients, random)) {
    if (contact.status !== 'active') continue;
    const text = (contact.language && translations[contact.language]) || broadcast.text;
    store.messages.push({
      id: store.nextId(),
      contactUuid: contact.uuid,
      direction: 'out',
      text,
      flowUuid: null,
      createdOn: broadcast.createdOn,
      modifiedOn: broadcast.createdOn,
      broadcast: broadcast.id,
    });
    broadcast.reached.push(contact.uuid);
  }
  broadcast.status = 'sent';
  return { status: 201, body: accepted };
}

export const broadcasts = byMethod({
  POST: create,
  GET: ({ store, url, pageSize }) => {
    const id = url.searchParams.get('id');
    const items = store.broadcasts.filter((b) => !id || String(b.id) === id);
    return listSorted(
      items,
      (b) => ({ id: b.id, at: b.createdOn }),
      { url, pageSize, window: windowOf(url) },
      (b) => toBroadcastJson(b, store),
    );
  },
});
