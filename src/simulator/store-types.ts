// The shapes the simulated workspace keeps. Times are `Date`s here; the serializers turn them
// into RapidPro's wire format.

export interface SimWorkspace {
  uuid: string;
  name: string;
  country: string;
  languages: string[];
  primaryLanguage: string;
  timezone: string;
}

/** A contact group; `query` is non-null for smart (query-based) groups. */
export interface SimGroup {
  uuid: string;
  name: string;
  query: string | null;
  /**
   * A group RapidPro keeps itself. Current RapidPro leaves its status groups out of groups.json
   * (ContactGroup.get_groups, temba/contacts/models.py); servers that list them mark them `system`.
   */
  system?: boolean;
}

/** A contact field; `type` uses the engine's names: text, number, datetime, state, district, ward. */
export interface SimField {
  key: string;
  name: string;
  type: string;
}

export interface SimContact {
  id: number;
  uuid: string;
  name: string | null;
  language: string | null;
  urns: string[];
  /** Group uuids: static groups and the smart groups the contact currently falls in. */
  groups: string[];
  fields: Record<string, string | null>;
  status: 'active' | 'blocked' | 'stopped' | 'archived';
  createdOn: Date;
  modifiedOn: Date;
  lastSeenOn: Date | null;
  /** Deleted contacts stay as tombstones, which `contacts.json?deleted=true` reports. */
  deleted: boolean;
}

export interface SimCase {
  uuid: string;
  type: string;
  arguments: string[];
  categoryUuid: string;
}

export interface SimCategory {
  uuid: string;
  name: string;
  exitUuid: string;
  /** Category names in other languages, as a flow's localization holds them. */
  translations?: Record<string, string>;
}

/** One question of a flow: a message node asking it, then a wait node with a switch router. */
export interface SimQuestion {
  /** The wait node: its uuid is the result's node uuid in flows.json and in run values. */
  nodeUuid: string;
  key: string;
  name: string;
  categories: SimCategory[];
  cases: SimCase[];
  defaultCategoryUuid: string;
  /** The node sending the question, with its text per language; absent for bare test flows. */
  prompt?: { nodeUuid: string; actionUuid: string; exitUuid: string; text: Record<string, string> };
  /** How a simulated contact answers: the raw text a contact sends. */
  answer: (contact: SimContact, random: () => number) => string;
}

export interface SimFlow {
  uuid: string;
  name: string;
  createdOn: Date;
  modifiedOn: Date;
  questions: SimQuestion[];
  archived: boolean;
}

export interface SimRunValue {
  name: string;
  value: string;
  category: string;
  node: string;
  time: Date;
  input: string;
}

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

export interface SimBoundary {
  osmId: string;
  name: string;
  level: number;
  parent: string | null;
  aliases?: string[];
  geometry: unknown;
}

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

export interface SimFlowStart {
  id: number;
  uuid: string;
  flowUuid: string;
  /** The contact uuids the request named (what the caller sent, in its order). */
  contacts: string[];
  groups: string[];
  urns: string[];
  /** The contacts a run was actually started for (active ones, after exclusions). */
  reached: string[];
  restartParticipants: boolean;
  excludeActive: boolean;
  params: Record<string, unknown>;
  status: 'pending' | 'starting' | 'complete' | 'failed';
  createdOn: Date;
  modifiedOn: Date;
}

export interface SimBroadcast {
  id: number;
  /** The text in the workspace's primary language. */
  text: string;
  /** Text per language, as RapidPro keeps a broadcast's translations. */
  translations: Record<string, string>;
  baseLanguage: string;
  contacts: string[];
  groups: string[];
  urns: string[];
  /** The contacts a message went to (active ones only). */
  reached: string[];
  status: 'queued' | 'sent' | 'failed';
  createdOn: Date;
}
