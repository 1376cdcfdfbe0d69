// What a free question is read against: the workspace's names as the user may see them, and the
// user's moment and language.
import type { Named } from '../domain/match-name.ts';

export interface Catalog {
  polls: readonly Named[];
  /** Questions name their poll ("how many girls were present" is about Attendance). */
  questions: readonly { name: string; pollId: number }[];
  /** Only the regions the user may see: another region's name stays a word the command refuses. */
  regions: readonly Named[];
  groups: readonly Named[];
  /** Fields with few values (gender), whose values can be named alone ("female only"). */
  fields: readonly { key: string; values: readonly string[] }[];
}

export interface ReadOptions {
  now: Date;
  timezone: string;
  /** The user's language: its date words are tried first. */
  language: string;
}
