// Store objects → RapidPro API v2 JSON, field for field as RapidPro's serializers write them.
import type { SimBoundary, SimContact, SimFlow, SimGroup, SimMessage, SimRun, SimulatorStore } from './store.ts';

/** RapidPro writes timestamps as ISO 8601 UTC with microseconds. */
export const iso = (date: Date | null): string | null => (date ? date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z') : null);

export function toContactJson(c: SimContact, store: SimulatorStore) {
  if (c.deleted) {
    // Deleted contacts keep only their identity and when they went.
    return { uuid: c.uuid, name: null, status: null, language: null, urns: [], groups: [], fields: {}, flow: null, created_on: iso(c.createdOn), modified_on: iso(c.modifiedOn), last_seen_on: null };
  }
  return {
    uuid: c.uuid,
    name: c.name,
    status: c.status,
    language: c.language,
    urns: c.urns,
    groups: c.groups.map((uuid) => ({ uuid, name: store.groups.find((g) => g.uuid === uuid)?.name ?? null })),
    fields: c.fields,
    flow: null,
    created_on: iso(c.createdOn),
    modified_on: iso(c.modifiedOn),
    last_seen_on: iso(c.lastSeenOn),
  };
}

export function toGroupJson(g: SimGroup, store: SimulatorStore) {
  const count = store.listContacts().filter((c) => c.groups.includes(g.uuid)).length;
  return { uuid: g.uuid, name: g.name, query: g.query, status: 'ready', system: false, count };
}

export function toFlowJson(f: SimFlow, store: SimulatorStore) {
  const runs = store.listRuns().filter((r) => r.flowUuid === f.uuid);
  const count = (type: SimRun['exitType']) => runs.filter((r) => r.exitType === type).length;
  return {
    uuid: f.uuid,
    name: f.name,
    type: 'message',
    archived: f.archived,
    labels: [],
    expires: 10080,
    runs: { active: count(null), waiting: 0, completed: count('completed'), interrupted: count('interrupted'), expired: count('expired'), failed: 0 },
    results: f.questions.map((q) => ({ key: q.key, name: q.name, categories: q.categories.map((c) => c.name), node_uuids: [q.nodeUuid] })),
    parent_refs: [],
    created_on: iso(f.createdOn),
    modified_on: iso(f.modifiedOn),
  };
}

/** The flow export (spec 13): a wait node then a switch router per question. */
export function toDefinitionJson(f: SimFlow) {
  return {
    uuid: f.uuid,
    name: f.name,
    spec_version: '13.1.0',
    language: 'eng',
    type: 'messaging',
    revision: 1,
    expire_after_minutes: 10080,
    localization: {},
    nodes: f.questions.map((q) => ({
      uuid: q.nodeUuid,
      actions: [],
      router: {
        type: 'switch',
        operand: '@input.text',
        wait: { type: 'msg' },
        result_name: q.name,
        categories: q.categories.map((c) => ({ uuid: c.uuid, name: c.name, exit_uuid: c.exitUuid })),
        cases: q.cases.map((c) => ({ uuid: c.uuid, type: c.type, arguments: c.arguments, category_uuid: c.categoryUuid })),
        default_category_uuid: q.defaultCategoryUuid,
      },
      exits: q.categories.map((c) => ({ uuid: c.exitUuid, destination_uuid: null })),
    })),
  };
}

export function toRunJson(r: SimRun, store: SimulatorStore) {
  const contact = store.contacts.get(r.contactUuid);
  const flow = store.flowByUuid(r.flowUuid);
  return {
    id: r.id,
    uuid: r.uuid,
    flow: { uuid: r.flowUuid, name: flow?.name ?? null },
    contact: { uuid: r.contactUuid, urn: contact?.urns[0] ?? null, name: contact?.name ?? null },
    start: r.startUuid ? { uuid: r.startUuid } : null,
    responded: r.responded,
    path: r.path.map((p) => ({ node: p.node, time: iso(p.time) })),
    values: Object.fromEntries(
      Object.entries(r.values).map(([key, v]) => [key, { value: v.value, category: v.category, node: v.node, time: iso(v.time), input: v.input, name: v.name }]),
    ),
    created_on: iso(r.createdOn),
    modified_on: iso(r.modifiedOn),
    exited_on: iso(r.exitedOn),
    exit_type: r.exitType,
  };
}

export function toMessageJson(m: SimMessage, store: SimulatorStore) {
  const contact = store.contacts.get(m.contactUuid);
  const flow = m.flowUuid ? store.flowByUuid(m.flowUuid) : null;
  return {
    id: m.id,
    broadcast: m.broadcast,
    contact: { uuid: m.contactUuid, name: contact?.name ?? null },
    urn: contact?.urns[0] ?? null,
    channel: null,
    direction: m.direction,
    type: 'text',
    status: m.direction === 'in' ? 'handled' : 'sent',
    visibility: 'visible',
    text: m.text,
    attachments: [],
    labels: [],
    flow: flow ? { uuid: flow.uuid, name: flow.name } : null,
    created_on: iso(m.createdOn),
    sent_on: iso(m.createdOn),
    modified_on: iso(m.modifiedOn),
  };
}

export function toBoundaryJson(b: SimBoundary, store: SimulatorStore, withGeometry: boolean) {
  const parent = b.parent ? store.boundaries.find((p) => p.osmId === b.parent) : undefined;
  return {
    osm_id: b.osmId,
    name: b.name,
    parent: parent ? { osm_id: parent.osmId, name: parent.name } : null,
    level: b.level,
    aliases: [],
    ...(withGeometry ? { geometry: b.geometry } : {}),
  };
}
