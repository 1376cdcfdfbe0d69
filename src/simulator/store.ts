// The simulated workspace, in memory (the simulator stands in for RapidPro; the bot's own data
// always lives in PostgreSQL). Every change stamps `modifiedOn` with a strictly increasing time,
// so `after`/`before` windows select exactly what changed.

export interface SimGroup { uuid: string; name: string; query: string | null }
export interface SimField { key: string; name: string; type: string }
export interface SimContact {
  id: number;
  uuid: string;
  name: string | null;
  language: string | null;
  urns: string[];
  groups: string[];
  fields: Record<string, string | null>;
  status: 'active' | 'blocked' | 'stopped' | 'archived';
  createdOn: Date;
  modifiedOn: Date;
  lastSeenOn: Date | null;
  deleted: boolean;
}
export interface SimCase { uuid: string; type: string; arguments: string[]; categoryUuid: string }
export interface SimCategory { uuid: string; name: string; exitUuid: string }
export interface SimQuestion {
  nodeUuid: string;
  key: string;
  name: string;
  categories: SimCategory[];
  cases: SimCase[];
  defaultCategoryUuid: string;
  /** How a simulated contact answers: gives the raw text for a contact. */
  answer: (contact: SimContact, random: () => number) => string;
}
export interface SimFlow { uuid: string; name: string; createdOn: Date; modifiedOn: Date; questions: SimQuestion[]; archived: boolean }
export interface SimRunValue { name: string; value: string; category: string; node: string; time: Date; input: string }
export interface SimRun {
  id: number;
  uuid: string;
  flowUuid: string;
  contactUuid: string;
  startUuid: string | null;
  responded: boolean;
  path: { node: string; time: Date }[];
  values: Record<string, SimRunValue>;
  createdOn: Date;
  modifiedOn: Date;
  exitedOn: Date | null;
  exitType: 'completed' | 'interrupted' | 'expired' | null;
}
export interface SimBoundary { osmId: string; name: string; level: number; parent: string | null; geometry: unknown }
export interface SimMessage {
  id: number;
  contactUuid: string;
  direction: 'in' | 'out';
  text: string;
  flowUuid: string | null;
  createdOn: Date;
  modifiedOn: Date;
  broadcast: number | null;
}
export interface SimFlowStart { id: number; uuid: string; flowUuid: string; contacts: string[]; restartParticipants: boolean; createdOn: Date }
export interface SimBroadcast { id: number; text: string; contacts: string[]; createdOn: Date }
export interface SimWorkspace { uuid: string; name: string; country: string; languages: string[]; primaryLanguage: string; timezone: string }

export function createStore(now: () => Date) {
  let lastStamp = 0;
  let nextId = 1;
  const stamp = (at?: Date): Date => {
    // Strictly increasing: two changes in one millisecond still get distinct times.
    const wanted = (at ?? now()).getTime();
    lastStamp = Math.max(wanted, lastStamp + 1);
    return new Date(lastStamp);
  };
  const store = {
    workspace: null as unknown as SimWorkspace,
    groups: [] as SimGroup[],
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

    listContacts: () => [...store.contacts.values()].filter((c) => !c.deleted),
    listRuns: () => [...store.runs.values()],
    flowByUuid: (uuid: string) => store.flows.find((f) => f.uuid === uuid),
    groupByUuidOrName: (ref: string) => store.groups.find((g) => g.uuid === ref || g.name === ref),

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
      Object.assign(contact, { deleted: true, name: null, urns: [], groups: [], fields: {}, modifiedOn: stamp() });
    },
    addRun(run: Omit<SimRun, 'id' | 'modifiedOn'> & { modifiedOn?: Date }): SimRun {
      const full: SimRun = { ...run, id: nextId++, modifiedOn: stamp(run.modifiedOn) };
      store.runs.set(full.uuid, full);
      return full;
    },
    /** Applies a change to a run (an answer, an exit) and stamps it. */
    advanceRun(uuid: string, change: (run: SimRun) => void, at?: Date): SimRun {
      const run = store.runs.get(uuid);
      if (!run) throw new Error(`no run ${uuid}`);
      change(run);
      run.modifiedOn = stamp(at);
      return run;
    },
    /** How many flow starts and broadcasts reached each contact. */
    deliveriesTo(contactUuid: string) {
      return {
        flowStarts: store.flowStarts.filter((s) => s.contacts.includes(contactUuid)).length,
        broadcasts: store.broadcasts.filter((b) => b.contacts.includes(contactUuid)).length,
      };
    },
  };
  return store;
}

export type SimulatorStore = ReturnType<typeof createStore>;
