// Payloads recorded from Slack and Telegram (test/fixtures/, each with its source), and the two
// things tests do with them: fill a recording in with our values without changing its shape, and
// say where a fake's answer differs in shape from what the platform sends.
import { readFileSync } from 'node:fs';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A recorded payload, e.g. `recorded('slack/web-api/auth.test.json')`; a fresh copy each time. */
export function recorded<T = any>(path: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
}

/** A recorded refusal: the HTTP status, the headers that matter, and the body. */
export interface RecordedError {
  status: number;
  headers?: Record<string, string>;
  body: Record<string, any>;
}

/**
 * A copy of `template` with the values at the given paths (`event.user`, `actions.0.value`)
 * replaced. Only what the recording has can be filled in, with a value of the same JSON type: the
 * shape stays the platform's.
 */
export function fillIn<T>(template: T, values: Record<string, unknown>): T {
  const copy = structuredClone(template) as Json;
  for (const [path, value] of Object.entries(values)) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let at: any = copy;
    for (const key of keys) {
      if (at === null || typeof at !== 'object' || !(key in at)) throw new Error(`fillIn: no ${path} in the recording`);
      at = at[key];
    }
    if (at === null || typeof at !== 'object' || !(last in at)) throw new Error(`fillIn: no ${path} in the recording`);
    if (typeOf(at[last] as Json) !== typeOf(value as Json))
      throw new Error(`fillIn: ${path} is ${typeOf(at[last] as Json)} in the recording, not ${typeOf(value as Json)}`);
    at[last] = value;
  }
  return copy as T;
}

export interface ShapeOptions {
  /** Paths the recording has and an answer may leave out (the platform documents them optional). */
  optional?: string[];
  /** Paths an answer may have that this recording lacks (documented elsewhere; say where). */
  extra?: string[];
  /**
   * Paths either side may have or not, and whose contents are not compared, only their type: what
   * the app itself sent (blocks), or what a user may or may not have (a last name).
   */
  loose?: string[];
}

/**
 * Where `actual` differs in shape from `recorded`: a key one has and the other lacks, or a value
 * of another JSON type, at any depth (`message.from.id`, `files[].id`). Values themselves may
 * differ. An array element matches when it has the shape of any recorded element.
 */
export function shapeDifferences(actual: unknown, recording: unknown, options: ShapeOptions = {}): string[] {
  const covered = (list: string[] | undefined, path: string) =>
    (list ?? []).some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[]`));
  const compare = (a: Json, r: Json, path: string): string[] => {
    const at = path || '(top)';
    if (typeOf(a) !== typeOf(r)) return [`${at}: ${typeOf(a)}, recorded ${typeOf(r)}`];
    if (covered(options.loose, path)) return [];
    if (Array.isArray(a) && Array.isArray(r)) {
      if (r.length === 0) return [];
      return a.flatMap((item) => {
        const tries = r.map((sample) => compare(item, sample, `${path}[]`));
        return tries.find((found) => found.length === 0) ?? tries[0]!;
      });
    }
    if (typeOf(a) !== 'object') return [];
    const [ao, ro] = [a as Record<string, Json>, r as Record<string, Json>];
    const child = (key: string) => (path ? `${path}.${key}` : key);
    return [
      ...Object.keys(ao)
        .filter((k) => !(k in ro) && !covered(options.extra, child(k)) && !covered(options.loose, child(k)))
        .map((k) => `${child(k)}: not in the recording`),
      ...Object.keys(ro)
        .filter((k) => !(k in ao) && !covered(options.optional, child(k)) && !covered(options.loose, child(k)))
        .map((k) => `${child(k)}: missing`),
      ...Object.keys(ao)
        .filter((k) => k in ro)
        .flatMap((k) => compare(ao[k]!, ro[k]!, child(k))),
    ];
  };
  return compare(actual as Json, recording as Json, '');
}

/**
 * A recorded error text as a pattern: what is quoted and what is counted varies from one refusal
 * to the next (`Unsupported start tag "br" at byte offset 5`), the wording does not.
 */
export function wordingOf(description: string): RegExp {
  const escaped = description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/"[^"]*"/g, '"[^"]*"').replace(/\d+/g, '\\d+')}$`);
}

function typeOf(value: Json | undefined): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
