// flow_starts.json: POST starts a flow for contacts, groups and URNs; GET lists the starts.
// Runs are created at once for the active contacts reached (stopped, blocked and excluded
// contacts get none), then the simulated contacts answer over the next moments.
import { randomUuid } from '../random.ts';
import { toFlowStartJson } from '../serialize.ts';
import type { SimFlowStart } from '../store.ts';
import { byMethod, invalid, windowOf, type RouteContext, type RouteResult } from './context.ts';
import { listSorted } from './list.ts';
import { expandRecipients, readRecipients, type FieldErrors } from './recipients.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readBoolean(body: Record<string, unknown>, name: string, fallback: boolean, errors: FieldErrors): boolean {
  const value = body[name];
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  errors[name] = ['Must be a valid boolean.'];
  return fallback;
}

function create({ store, body, random, responder }: RouteContext): RouteResult {
  if (!isObject(body)) return invalid({ non_field_errors: ['Request body should be a single JSON object'] });
  const errors: FieldErrors = {};
  const flow = typeof body.flow === 'string' ? store.flowByUuid(body.flow) : undefined;
  if (body.flow === undefined || body.flow === null) errors.flow = ['This field is required.'];
  else if (!flow) errors.flow = [`No such object: ${String(body.flow)}`];
  const recipients = readRecipients(body, store, errors);
  const restartParticipants = readBoolean(body, 'restart_participants', true, errors);
  const excludeActive = readBoolean(body, 'exclude_active', false, errors);
  for (const name of ['extra', 'params']) {
    if (body[name] !== undefined && !isObject(body[name])) errors[name] = ['Must be a valid JSON object'];
  }
  if (Object.keys(errors).length > 0 || !flow) return invalid(errors);
  if (recipients.contacts.length + recipients.groups.length + recipients.urns.length === 0) {
    return invalid({ non_field_errors: ['Must specify at least one group, contact or URN'] });
  }

  const createdOn = store.stamp();
  const start: SimFlowStart = {
    id: store.nextId(),
    uuid: randomUuid(random),
    flowUuid: flow.uuid,
    contacts: recipients.contacts.map((c) => c.uuid),
    groups: recipients.groups.map((g) => g.uuid),
    urns: recipients.urns,
    reached: [],
    restartParticipants,
    excludeActive,
    params: ((body.params ?? body.extra) as Record<string, unknown> | undefined) ?? {},
    status: 'pending',
    createdOn,
    modifiedOn: createdOn,
  };
  store.flowStarts.push(start);
  // The answer describes the start as it was accepted, before it ran.
  const accepted = toFlowStartJson(start, store);

  const everRan = new Set(restartParticipants ? [] : store.runsNewestFirst(flow.uuid).map((r) => r.contactUuid));
  for (const contact of expandRecipients(store, recipients, random)) {
    if (contact.status !== 'active' || everRan.has(contact.uuid)) continue;
    if (excludeActive && store.waitingRunOf(contact.uuid)) continue;
    responder.startRun(flow, contact, start.uuid);
    start.reached.push(contact.uuid);
  }
  start.status = 'complete';
  start.modifiedOn = store.stamp();
  return { status: 201, body: accepted };
}

export const flowStarts = byMethod({
  POST: create,
  GET: ({ store, url, pageSize }) => {
    const uuid = url.searchParams.get('uuid');
    const id = url.searchParams.get('id');
    const items = store.flowStarts.filter((s) => (!uuid || s.uuid === uuid) && (!id || String(s.id) === id));
    return listSorted(
      items,
      (s) => ({ id: s.id, at: s.modifiedOn }),
      { url, pageSize, window: windowOf(url) },
      (s) => toFlowStartJson(s, store),
    );
  },
});
