// Store objects → RapidPro API v2 JSON, field for field as RapidPro's read serializers write
// them (temba/api/v2/serializers.py), deprecated fields included: older clients still read them.
import type {
  SimBoundary,
  SimBroadcast,
  SimContact,
  SimFlow,
  SimFlowStart,
  SimGroup,
  SimMessage,
  SimRun,
  SimulatorStore,
} from './store.ts';

/** RapidPro writes timestamps as ISO 8601 UTC with microseconds. */
const iso = (date: Date | null): string | null => (date ? date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z') : null);

const refOf = (store: SimulatorStore, contactUuid: string) => ({
  uuid: contactUuid,
  name: store.contacts.get(contactUuid)?.name ?? null,
});
const groupRef = (store: SimulatorStore, groupUuid: string) => ({
  uuid: groupUuid,
  name: store.groups.find((g) => g.uuid === groupUuid)?.name ?? null,
});

export function toContactJson(c: SimContact, store: SimulatorStore) {
  if (c.deleted) {
    // A deleted contact keeps only its identity and when it went.
    return {
      uuid: c.uuid,
      name: null,
      status: null,
      language: null,
      urns: [],
      groups: [],
      fields: {},
      flow: null,
      created_on: iso(c.createdOn),
      modified_on: iso(c.modifiedOn),
      last_seen_on: null,
      blocked: null,
      stopped: null,
    };
  }
  const waiting = store.waitingRunOf(c.uuid);
  const flow = waiting ? store.flowByUuid(waiting.flowUuid) : undefined;
  return {
    uuid: c.uuid,
    name: c.name,
    status: c.status,
    language: c.language,
    urns: c.urns,
    groups: c.groups.map((uuid) => groupRef(store, uuid)),
    // Every field of the workspace is listed, null where the contact has no value.
    fields: Object.fromEntries(store.fields.map((f) => [f.key, c.fields[f.key] ?? null])),
    flow: flow ? { uuid: flow.uuid, name: flow.name } : null,
    created_on: iso(c.createdOn),
    modified_on: iso(c.modifiedOn),
    last_seen_on: iso(c.lastSeenOn),
    blocked: c.status === 'blocked',
    stopped: c.status === 'stopped',
  };
}

export function toGroupJson(g: SimGroup, store: SimulatorStore) {
  return {
    uuid: g.uuid,
    name: g.name,
    query: g.query,
    status: 'ready',
    system: g.system ?? false,
    count: store.membersOf(g.uuid).length,
  };
}

// fields.json gives the engine's type names and, deprecated, the older value_type names.
const legacyValueTypes: Record<string, string> = { number: 'numeric' };

export function toFieldJson(f: SimulatorStore['fields'][number], store: SimulatorStore) {
  return {
    key: f.key,
    name: f.name,
    type: f.type,
    featured: false,
    priority: 0,
    usages: { flows: 0, groups: store.groups.filter((g) => g.query?.includes(f.key)).length, campaign_events: 0 },
    agent_access: 'view',
    label: f.name,
    value_type: legacyValueTypes[f.type] ?? f.type,
  };
}

export function toFlowJson(f: SimFlow, store: SimulatorStore) {
  const counts = { active: 0, waiting: 0, completed: 0, interrupted: 0, expired: 0, failed: 0 };
  // Runs that wait for an answer are "waiting" in current RapidPro ("active" is momentary).
  for (const run of store.runsNewestFirst(f.uuid)) counts[run.exitType ?? 'waiting']++;
  return {
    uuid: f.uuid,
    name: f.name,
    type: 'message',
    archived: f.archived,
    labels: [],
    expires: FLOW_EXPIRES_MINUTES,
    runs: counts,
    results: f.questions.map((q) => ({
      key: q.key,
      name: q.name,
      categories: q.categories.map((c) => c.name),
      node_uuids: [q.nodeUuid],
    })),
    parent_refs: [],
    created_on: iso(f.createdOn),
    modified_on: iso(f.modifiedOn),
  };
}

/** How long a demo flow waits for an answer before the run expires. */
export const FLOW_EXPIRES_MINUTES = 720;

export function toRunJson(r: SimRun, store: SimulatorStore, includePaths = true) {
  const contact = store.contacts.get(r.contactUuid);
  const urn = contact?.urns[0] ?? null;
  return {
    id: r.id,
    uuid: r.uuid,
    flow: { uuid: r.flowUuid, name: store.flowByUuid(r.flowUuid)?.name ?? null },
    contact: {
      uuid: r.contactUuid,
      name: contact?.name ?? null,
      urn,
      urn_display: urn ? urn.slice(urn.indexOf(':') + 1) : null,
    },
    start: r.startUuid ? { uuid: r.startUuid } : null,
    responded: r.responded,
    path: includePaths ? r.path.map((p) => ({ node: p.node, time: iso(p.time) })) : null,
    values: Object.fromEntries(
      Object.entries(r.values).map(([key, v]) => [
        key,
        { value: v.value, category: v.category, node: v.node, time: iso(v.time), input: v.input, name: v.name },
      ]),
    ),
    created_on: iso(r.createdOn),
    modified_on: iso(r.modifiedOn),
    exited_on: iso(r.exitedOn),
    exit_type: r.exitType,
  };
}

export function toMessageJson(m: SimMessage, store: SimulatorStore) {
  const flow = m.flowUuid ? store.flowByUuid(m.flowUuid) : null;
  return {
    id: m.id,
    broadcast: m.broadcast,
    contact: refOf(store, m.contactUuid),
    urn: store.contacts.get(m.contactUuid)?.urns[0] ?? null,
    channel: { uuid: CHANNEL.uuid, name: CHANNEL.name },
    direction: m.direction,
    type: 'text',
    status: m.direction === 'in' ? 'handled' : 'sent',
    archived: false,
    visibility: 'visible',
    text: m.text,
    labels: [],
    flow: flow ? { uuid: flow.uuid, name: flow.name } : null,
    attachments: [],
    created_on: iso(m.createdOn),
    sent_on: m.direction === 'out' ? iso(m.createdOn) : null,
    modified_on: iso(m.modifiedOn),
    media: null,
  };
}

/** The one channel every demo message goes through. */
const CHANNEL = { uuid: 'a3b1c2d4-0000-4000-8000-00000000c0de', name: 'Demo SMS' };

export function toBoundaryJson(b: SimBoundary, store: SimulatorStore, withGeometry: boolean) {
  const parent = b.parent ? store.boundaries.find((p) => p.osmId === b.parent) : undefined;
  return {
    osm_id: b.osmId,
    name: b.name,
    parent: parent ? { osm_id: parent.osmId, name: parent.name } : null,
    level: b.level,
    aliases: b.aliases ?? [],
    // The key is always there; the shape only when asked for (it is big in real workspaces).
    geometry: withGeometry ? b.geometry : null,
  };
}

export function toFlowStartJson(s: SimFlowStart, store: SimulatorStore) {
  return {
    id: s.id,
    uuid: s.uuid,
    flow: { uuid: s.flowUuid, name: store.flowByUuid(s.flowUuid)?.name ?? null },
    status: s.status,
    groups: s.groups.map((uuid) => groupRef(store, uuid)),
    contacts: s.contacts.map((uuid) => refOf(store, uuid)),
    params: s.params,
    created_on: iso(s.createdOn),
    modified_on: iso(s.modifiedOn),
    extra: s.params,
    restart_participants: s.restartParticipants,
    exclude_active: s.excludeActive,
  };
}

export function toBroadcastJson(b: SimBroadcast, store: SimulatorStore) {
  return {
    id: b.id,
    urns: b.urns,
    contacts: b.contacts.map((uuid) => refOf(store, uuid)),
    groups: b.groups.map((uuid) => groupRef(store, uuid)),
    text: b.translations,
    attachments: Object.fromEntries(Object.keys(b.translations).map((lang) => [lang, []])),
    base_language: b.baseLanguage,
    status: b.status,
    created_on: iso(b.createdOn),
  };
}

export function toWorkspaceJson(store: SimulatorStore) {
  const w = store.workspace;
  return {
    uuid: w.uuid,
    name: w.name,
    country: w.country,
    languages: w.languages,
    timezone: w.timezone,
    date_style: 'day_first',
    anon: false,
    credits: { used: -1, remaining: -1 },
    primary_language: w.primaryLanguage,
  };
}
