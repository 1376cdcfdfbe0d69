// The simulated workspace, in memory (the simulator stands in for RapidPro; the bot's own data
// always lives in PostgreSQL). Every change stamps `modifiedOn` with a strictly increasing time,
// so `after`/`before` windows select exactly what changed. Change things through the helpers
// below: they stamp, and they keep the run index and each contact's current flow right.
import type { SimBroadcast, SimContact, SimFlowStart, SimMessage, SimRun, SimWorkspace } from './store-types.ts';
import type { SimBoundary, SimField, SimFlow, SimGroup } from './store-types.ts';

export type * from './store-types.ts';

export function createStore(now: () => Date) {
  let lastStamp = 0;
  let nextId = 1;
  // Runs sorted newest first, per flow, rebuilt only after a change: paging a million runs
  // must not sort them all again for every page.
  let runIndex: Map<string | null, SimRun[]> | null = null;
  const byNewest = (a: SimRun, b: SimRun) => b.modifiedOn.getTime() - a.modifiedOn.getTime() || b.id - a.id;
  // The run each contact is waiting in (RapidPro's `current_flow` on a contact).
  const waitingRun = new Map<string, string>();
  const stamp = (at?: Date): Date => {
    // Strictly increasing: two changes in one millisecond still get distinct times.
    const wanted = (at ?? now()).getTime();
    lastStamp = Math.max(wanted, lastStamp + 1);
    return new Date(lastStamp);
  };
  const noteRun = (run: SimRun) => {
    if (run.exitType === null) waitingRun.set(run.contactUuid, run.uuid);
    else if (waitingRun.get(run.contactUuid) === run.uuid) waitingRun.delete(run.contactUuid);
  };

  const store = {
    workspace: null as unknown as SimWorkspace,
    // Every workspace is made with this system group (temba/contacts/models.py,
    // ContactGroup.create_system_groups); groups.json lists it with `system: true`.
    groups: [
      { uuid: '5f2a9c1e-0c6b-4d1e-9a57-7e0b3f0d1c11', name: 'Open Tickets', query: 'tickets > 0', system: true },
    ] as SimGroup[],
    fields: [] as SimField[],
    contacts: new Map<string, SimContact>(),
    flows: [] as SimFlow[],
    runs: new Map<string, SimRun>(),
    boundaries: [] as SimBoundary[],
    messages: [] as SimMessage[],
    flowStarts: [] as SimFlowStart[],
    broadcasts: [] as SimBroadcast[],
    stamp,
    nextId: () => nextId++,

    /** Live (not deleted) contacts, in creation order. */
    listContacts: () => [...store.contacts.values()].filter((c) => !c.deleted),
    listRuns: () => [...store.runs.values()],
    flowByUuid: (uuid: string) => store.flows.find((f) => f.uuid === uuid),
    /** A group by uuid or by name (RapidPro matches names case-insensitively on writes). */
    groupByUuidOrName: (ref: string) => {
      const lower = ref.toLowerCase();
      return store.groups.find((g) => g.uuid === ref) ?? store.groups.find((g) => g.name.toLowerCase() === lower);
    },
    contactByUrn: (urn: string) => store.listContacts().find((c) => c.urns.includes(urn)),
    membersOf: (groupUuid: string) => store.listContacts().filter((c) => c.groups.includes(groupUuid)),

    /** Adds a contact stamped now (ids and created_on follow creation order, as in RapidPro). */
    addContact(contact: Omit<SimContact, 'id' | 'createdOn' | 'modifiedOn' | 'deleted'>): SimContact {
      const at = stamp();
      const full: SimContact = { ...contact, id: nextId++, createdOn: at, modifiedOn: at, deleted: false };
      store.contacts.set(full.uuid, full);
      return full;
    },
    editContact(uuid: string, patch: Partial<Omit<SimContact, 'id' | 'uuid'>>): SimContact {
      const contact = store.contacts.get(uuid);
      if (!contact || contact.deleted) throw new Error(`no contact ${uuid}`);
      Object.assign(contact, patch, { modifiedOn: stamp() });
      return contact;
    },
    /** Deleting keeps a tombstone, which `contacts.json?deleted=true` reports. */
    deleteContact(uuid: string): void {
      const contact = store.contacts.get(uuid);
      if (!contact || contact.deleted) return;
      Object.assign(contact, {
        deleted: true,
        name: null,
        language: null,
        urns: [],
        groups: [],
        fields: {},
        lastSeenOn: null,
        modifiedOn: stamp(),
      });
      waitingRun.delete(uuid);
    },

    /**
     * Adds a run. `late`: it becomes readable only now, though stamped at its `createdOn` — what a
     * RapidPro transaction that commits late, or a read from a lagging replica, looks like.
     */
    addRun(run: Omit<SimRun, 'id' | 'modifiedOn'> & { modifiedOn?: Date }, options: { late?: boolean } = {}): SimRun {
      const modifiedOn = options.late ? (run.modifiedOn ?? run.createdOn) : stamp(run.modifiedOn);
      const full: SimRun = { ...run, id: nextId++, modifiedOn };
      store.runs.set(full.uuid, full);
      noteRun(full);
      runIndex = null;
      return full;
    },
    /** Runs of a flow (or all), newest first by modified_on then id, as runs.json serves them. */
    runsNewestFirst(flowUuid: string | null): SimRun[] {
      if (!runIndex) {
        runIndex = new Map([[null, [...store.runs.values()].sort(byNewest)]]);
        for (const run of runIndex.get(null)!) {
          const list = runIndex.get(run.flowUuid) ?? [];
          list.push(run);
          runIndex.set(run.flowUuid, list);
        }
      }
      return runIndex.get(flowUuid) ?? [];
    },
    /** Applies a change to a run (an answer, an exit) and stamps it. */
    advanceRun(uuid: string, change: (run: SimRun) => void, at?: Date): SimRun {
      const run = store.runs.get(uuid);
      if (!run) throw new Error(`no run ${uuid}`);
      change(run);
      run.modifiedOn = stamp(at);
      noteRun(run);
      runIndex = null;
      return run;
    },
    /** The run a contact is waiting in, if any. */
    waitingRunOf(contactUuid: string): SimRun | undefined {
      const uuid = waitingRun.get(contactUuid);
      return uuid ? store.runs.get(uuid) : undefined;
    },

    /** How many flow starts and broadcasts reached a contact (stopped and blocked ones get none). */
    deliveriesTo(contactUuid: string) {
      return {
        flowStarts: store.flowStarts.filter((s) => s.reached.includes(contactUuid)).length,
        broadcasts: store.broadcasts.filter((b) => b.reached.includes(contactUuid)).length,
      };
    },
  };
  return store;
}

export type SimulatorStore = ReturnType<typeof createStore>;
