import type { SimulatorStore } from '../store.ts';
import type { Random } from '../random.ts';

export interface RouteContext {
  method: string;
  url: URL;
  body: unknown;
  store: SimulatorStore;
  pageSize: number;
  random: Random;
  /** Starts simulated answering for a new flow start. */
  respondToStart(startUuid: string): void;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export type Route = (ctx: RouteContext) => RouteResult;

export const ok = (body: unknown): RouteResult => ({ status: 200, body });
export const invalid = (errors: Record<string, string[]>): RouteResult => ({ status: 400, body: errors });

/** A date filter (`after`, `before`), or undefined when absent, or 'bad' when unreadable. */
export function dateParam(url: URL, name: string): Date | null | 'bad' {
  const raw = url.searchParams.get(name);
  if (!raw) return null;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? 'bad' : date;
}

export function windowOf(url: URL): { after: Date | null; before: Date | null } | RouteResult {
  const after = dateParam(url, 'after');
  const before = dateParam(url, 'before');
  if (after === 'bad' || before === 'bad') return invalid({ [after === 'bad' ? 'after' : 'before']: ['Must be a valid datetime.'] });
  return { after, before };
}

export const isResult = (value: unknown): value is RouteResult => typeof value === 'object' && value !== null && 'status' in value;
