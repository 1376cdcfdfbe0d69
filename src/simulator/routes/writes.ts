// flow_starts.json and broadcasts.json: what the bot sends. Both cap contacts per request at 100.
import { randomUuid } from '../random.ts';
import { iso } from '../serialize.ts';
import { invalid, type Route, type RouteContext, type RouteResult } from './context.ts';

const MAX_CONTACTS = 100;

function readRecipients({ body, store }: RouteContext): string[] | RouteResult {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return invalid({ non_field_errors: ['Invalid data.'] });
  const contacts = (body as { contacts?: unknown }).contacts ?? [];
  if (!Array.isArray(contacts) || !contacts.every((c) => typeof c === 'string')) return invalid({ contacts: ['Expected a list of items.'] });
  if (contacts.length > MAX_CONTACTS) return invalid({ contacts: [`Ensure this field has no more than ${MAX_CONTACTS} elements.`] });
  const unknown = contacts.find((uuid) => !store.contacts.get(uuid) || store.contacts.get(uuid)!.deleted);
  if (unknown) return invalid({ contacts: [`No such object: ${unknown}`] });
  return contacts;
}

export const flowStarts: Route = (ctx) => {
  if (ctx.method !== 'POST') return { status: 405, body: { detail: `Method "${ctx.method}" not allowed.` } };
  const recipients = readRecipients(ctx);
  if (!Array.isArray(recipients)) return recipients;
  const data = ctx.body as { flow?: unknown; restart_participants?: unknown; extra?: unknown; params?: unknown };
  const flow = typeof data.flow === 'string' ? ctx.store.flowByUuid(data.flow) : undefined;
  if (!flow) return invalid({ flow: [`No such object: ${String(data.flow)}`] });
  const start = {
    id: ctx.store.nextId(),
    uuid: randomUuid(ctx.random),
    flowUuid: flow.uuid,
    contacts: recipients,
    restartParticipants: data.restart_participants !== false,
    createdOn: ctx.store.stamp(),
  };
  ctx.store.flowStarts.push(start);
  ctx.respondToStart(start.uuid);
  return {
    status: 201,
    body: {
      id: start.id,
      uuid: start.uuid,
      flow: { uuid: flow.uuid, name: flow.name },
      status: 'pending',
      groups: [],
      contacts: recipients.map((uuid) => ({ uuid, name: ctx.store.contacts.get(uuid)?.name ?? null })),
      restart_participants: start.restartParticipants,
      exclude_active: false,
      extra: data.extra ?? data.params ?? null,
      params: data.params ?? data.extra ?? null,
      created_on: iso(start.createdOn),
      modified_on: iso(start.createdOn),
    },
  };
};

export const broadcasts: Route = (ctx) => {
  if (ctx.method !== 'POST') return { status: 405, body: { detail: `Method "${ctx.method}" not allowed.` } };
  const recipients = readRecipients(ctx);
  if (!Array.isArray(recipients)) return recipients;
  const text = (ctx.body as { text?: unknown }).text;
  if (typeof text !== 'string' || text.trim() === '') return invalid({ text: ['This field is required.'] });
  const broadcast = { id: ctx.store.nextId(), text, contacts: recipients, createdOn: ctx.store.stamp() };
  ctx.store.broadcasts.push(broadcast);
  for (const uuid of recipients) {
    ctx.store.messages.push({ id: ctx.store.nextId(), contactUuid: uuid, direction: 'out', text, flowUuid: null, createdOn: broadcast.createdOn, modifiedOn: broadcast.createdOn, broadcast: broadcast.id });
  }
  return {
    status: 201,
    body: {
      id: broadcast.id,
      text: { eng: text },
      urns: [],
      contacts: recipients.map((uuid) => ({ uuid, name: ctx.store.contacts.get(uuid)?.name ?? null })),
      groups: [],
      status: 'queued',
      created_on: iso(broadcast.createdOn),
    },
  };
};
