// Pacing of RapidPro requests per throttle scope. RapidPro counts requests per workspace and per
// scope (its API views' `throttle_scope`: runs, contacts, messages and broadcasts each have their
// own; every other endpoint shares "v2") and answers a burst over that with 429s whose
// Retry-After can be long. Spacing requests evenly keeps a big pull under the budget instead of
// stalling it. RapidPro's own defaults (temba/settings_common.py, DEFAULT_THROTTLE_RATES) are
// 2,500 an hour for each scope but broadcasts, which get 36,000: messaging non-respondents is
// meant to be fast, and it is paced accordingly.
//
// The slots live in PostgreSQL (rapidpro_pace), so every process of a deployment draws on the
// same budget. Two lanes share a scope's budget: background work (sync, sends) gets most of it,
// paced evenly; people waiting on a command get a small lane of their own with a burst allowance,
// so a command's few requests go at once instead of queueing behind a backfill's hundreds.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Sql } from '../db/client.ts';

export type Lane = 'background' | 'interactive';

export interface Pacer {
  /** Resolves when a request of this scope may go (rejects if `signal` aborts first). */
  wait(scope: string, signal?: AbortSignal): Promise<void>;
  /** RapidPro said 429: nothing more of this scope, in any lane, for `seconds`. */
  holdOff(scope: string, seconds: number): Promise<void>;
}

export interface PacerOptions {
  sql: Sql;
  /** Whose budget: one RapidPro workspace (its orgs share nothing else). */
  workspace: string;
  lane: Lane;
  /** Each scope's budget, both lanes together (RapidPro's default: 2,500 an hour). */
  requestsPerHour: number;
  /** The broadcasts scope's budget (RapidPro's default: 36,000 an hour). */
  broadcastsPerHour: number;
}

/** Share of a scope's budget kept for people waiting on a command. */
const INTERACTIVE_SHARE = 0.1;
/** Requests a command may make at once before its lane paces it too. */
const INTERACTIVE_BURST = 5;

/** RapidPro's throttle scope of an API URL (as of RapidPro 9/10's temba/api/v2/views.py). */
export function scopeOf(url: string): string {
  const endpoint = /\/api\/v2\/([a-z_]+)\.json/.exec(new URL(url).pathname)?.[1];
  return endpoint && SCOPED.has(endpoint) ? `v2.${endpoint}` : 'v2';
}

const SCOPED = new Set(['contacts', 'messages', 'runs', 'broadcasts']);

/** The spacing and burst of a lane, in ms, from the scope's hourly budget. */
export function laneTiming(lane: Lane, requestsPerHour: number): { intervalMs: number; burst: number } {
  const share = lane === 'interactive' ? INTERACTIVE_SHARE : 1 - INTERACTIVE_SHARE;
  return { intervalMs: 3_600_000 / (requestsPerHour * share), burst: lane === 'interactive' ? INTERACTIVE_BURST : 1 };
}

export function createPacer(options: PacerOptions): Pacer {
  const { sql, workspace, lane } = options;
  const perHour = (scope: string) => (scope === 'v2.broadcasts' ? options.broadcastsPerHour : options.requestsPerHour);
  return {
    async wait(scope, signal) {
      const { intervalMs, burst } = laneTiming(lane, perHour(scope));
      // A request may go `tolerance` ms before its slot: that is the burst allowance.
      const tolerance = (burst - 1) * intervalMs;
      // One statement takes the next slot, whichever process asks: the row lock orders callers,
      // and the database's clock is the one clock they all share.
      const [row] = await sql<{ waitMs: number }[]>`
        insert into rapidpro_pace as p (workspace, scope, lane, next_at)
        values (${workspace}, ${scope}, ${lane}, clock_timestamp() + make_interval(secs => ${intervalMs / 1000}))
        on conflict (workspace, scope, lane) do update
          set next_at = greatest(p.next_at, clock_timestamp()) + make_interval(secs => ${intervalMs / 1000})
        returning (extract(epoch from p.next_at - clock_timestamp()) * 1000 - ${intervalMs + tolerance})::float8 as "waitMs"`;
      const waitMs = row!.waitMs;
      if (waitMs > 0) await sleep(waitMs, undefined, { signal });
    },
    async holdOff(scope, seconds) {
      // The interactive lane's burst allowance is added, so it too waits the whole time.
      const burstMs = (INTERACTIVE_BURST - 1) * laneTiming('interactive', perHour(scope)).intervalMs;
      await sql`
        update rapidpro_pace
        set next_at = greatest(next_at, clock_timestamp() + make_interval(secs => ${seconds} + case lane when 'interactive' then ${burstMs / 1000}::float8 else 0 end))
        where workspace = ${workspace} and scope = ${scope}`;
    },
  };
}
