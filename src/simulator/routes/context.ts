// What every endpoint handler gets and returns, and the query-string readers they share.
import type { Random } from '../random.ts';
import type { Responder } from '../respond-to-start.ts';
import type { SimulatorStore } from '../store.ts';

export interface RouteContext {
  method: string;
  url: URL;
  body: unknown;
  store: SimulatorStore;
  pageSize: number;
  random: Random;
  responder: Responder;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Route = (ctx: RouteContext) => RouteResult;

export const ok = (body: unknown): RouteResult => ({ status: 200, body });
export const invalid = (errors: Record<string, unknown>): RouteResult => ({ status: 400, body: errors });
export const notFound = (): RouteResult => ({ status: 404, body: { detail: 'Not found.' } });
const notAllowed = (method: string): RouteResult => ({
  status: 405,
  body: { detail: `Method "${method}" not allowed.` },
});

/** Routes by method; anything else is 405, as Django REST framework answers. */
export function byMethod(handlers: Partial<Record<'GET' | 'POST' | 'DELETE', Route>>): Route {
  return (ctx) => handlers[ctx.method as 'GET' | 'POST' | 'DELETE']?.(ctx) ?? notAllowed(ctx.method);
}

/**
 * An ISO 8601 time from the query string, or 'bad'. As RapidPro's parser does, a time without
 * an offset is UTC. Sub-millisecond digits round outwards (`roundUp` for lower bounds) so that
 * millisecond-precise stamps compare exactly against a microsecond bound.
 */
function readTime(raw: string, roundUp: boolean): Date | 'bad' {
  const match = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d)?)(?:[.,](\d+))?)?\s*(Z|[+-]\d\d:?\d\d)?$/i.exec(
    raw.trim(),
  );
  if (!match) return 'bad';
  const [, date, time = '00:00:00', fraction = '', zone = 'Z'] = match;
  const base = Date.parse(
    `${date}T${time.length === 5 ? `${time}:00` : time}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
  );
  if (Number.isNaN(base)) return 'bad';
  const micros = Number(fraction.padEnd(6, '0').slice(0, 6));
  const partial = micros % 1000 > 0 || /[1-9]/.test(fraction.slice(6));
  return new Date(base + Math.floor(micros / 1000) + (roundUp && partial ? 1 : 0));
}

/**
 * The `after`/`before` window (inclusive bounds). RapidPro answers an unreadable date with an
 * empty list, not an error, so `empty` says the window matches nothing.
 */
export function windowOf(url: URL): { after: Date | null; before: Date | null; empty: boolean } {
  const rawAfter = url.searchParams.get('after');
  const rawBefore = url.searchParams.get('before');
  const after = rawAfter ? readTime(rawAfter, true) : null;
  const before = rawBefore ? readTime(rawBefore, false) : null;
  if (after === 'bad' || before === 'bad') return { after: null, before: null, empty: true };
  return { after, before, empty: false };
}

/** RapidPro refuses some filters together (e.g. runs by flow and by contact). */
export function checkExclusive(url: URL, names: string[]): RouteResult | null {
  if (names.filter((name) => url.searchParams.get(name)).length <= 1) return null;
  return invalid({ detail: `You may only specify one of the ${names.join(', ')} parameters` });
}

export const isTrue = (value: string | null): boolean =>
  value !== null && ['true', '1', 'yes', 'on'].includes(value.toLowerCase());
