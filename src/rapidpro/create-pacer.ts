// RapidPro's request budget, counted the way RapidPro counts it, so TracBot neither meets 429s
// nor waits when RapidPro would have answered.
//
// RapidPro throttles each workspace per scope (temba/api/support.py, OrgUserRateThrottle, a
// Django REST framework ScopedRateThrottle keyed by the workspace): the scope is the endpoint's
// `throttle_scope` (temba/api/v2/views.py: `v2` on the base endpoint, which broadcasts, flow
// starts, groups, flows… keep; `v2.contacts`, `v2.messages` and `v2.runs` on those three), and
// its rate is `DEFAULT_THROTTLE_RATES` (temba/settings_common.py: 3,600 an hour each) merged
// with the workspace's own `Org.api_rates`. DRF's throttle keeps the times of the requests it let
// through and refuses one when the last `duration` seconds already hold `num_requests` of them
// (rest_framework/throttling.py, SimpleRateThrottle.allow_request): a sliding window, so a burst
// up to the whole budget is allowed, and a refused request (429) is not counted.
//
// The same window is kept here, in PostgreSQL (`rapidpro_requests`), for every process of a
// deployment: a request takes a place in it before it goes, and gives it back when RapidPro did
// not count it (a 429, no answer, a proxy's error), so failures and abandoned requests never
// spend budget. Background work (syncs, sends) may fill the window but for a reserve kept for
// people; a person's request goes at once whenever the scope has budget, and waits only for as
// long as it has time left.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Sql } from '../db/client.ts';
import { runInOneTrip } from '../db/run-in-one-trip.ts';
import { RapidProBusyError } from './errors.ts';

export type Lane = 'background' | 'interactive';

/** RapidPro's default rates per scope (temba/settings_common.py, DEFAULT_THROTTLE_RATES). */
const RAPIDPRO_DEFAULT_RATES: Readonly<Record<string, string>> = {
  v2: '3600/hour',
  'v2.contacts': '3600/hour',
  'v2.messages': '3600/hour',
  'v2.runs': '3600/hour',
};

/** Scopes with a `throttle_scope` of their own in temba/api/v2/views.py; every other endpoint is `v2`. */
const SCOPED = new Set(['contacts', 'messages', 'runs']);

export const RAPIDPRO_SCOPES = Object.keys(RAPIDPRO_DEFAULT_RATES);

export const isRapidProScope = (scope: string) => RAPIDPRO_SCOPES.includes(scope);

/** The throttle scope RapidPro counts a request to this API URL in. */
export function scopeOf(url: string): string {
  const endpoint = /\/api\/v2\/([a-z_]+)\.json/.exec(new URL(url).pathname)?.[1];
  return endpoint && SCOPED.has(endpoint) ? `v2.${endpoint}` : 'v2';
}

export interface Rate {
  requests: number;
  seconds: number;
}

const PERIODS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A rate as RapidPro writes it ("3600/hour"): DRF reads the period by its first letter. */
export function parseRate(text: string): Rate | null {
  const match = /^\s*(\d+)\s*\/\s*([smhd])[a-z]*\s*$/i.exec(text);
  if (!match) return null;
  return { requests: Number(match[1]), seconds: PERIODS[match[2]!.toLowerCase()]! };
}

/** Each scope's rate: RapidPro's defaults with the given overrides merged over them, as RapidPro merges api_rates. */
export function ratesOf(...overrides: (Readonly<Record<string, string>> | undefined)[]): Record<string, Rate> {
  const merged = Object.assign({}, RAPIDPRO_DEFAULT_RATES, ...overrides.filter(Boolean)) as Record<string, string>;
  const rates: Record<string, Rate> = {};
  for (const [scope, text] of Object.entries(merged)) {
    const rate = parseRate(text);
    if (rate) rates[scope] = rate;
  }
  return rates;
}

/** Requests of a window that background work leaves to people: a tenth, at least one. */
export function reserveOf(rate: Rate): number {
  return rate.requests < 2 ? 0 : Math.max(1, Math.floor(rate.requests / 10));
}

/** A place taken in a scope's window, to be given back if RapidPro does not count the request. */
export interface Ticket {
  id: string;
  scope: string;
}

export interface Pacer {
  /**
   * Takes a place in the scope's window, waiting while the window is full or RapidPro asked for
   * a pause. With a `deadline` (ms since the epoch), a wait that would end after it is not made:
   * RapidProBusyError says how long it would have been.
   */
  take(scope: string, options?: { signal?: AbortSignal; deadline?: number }): Promise<Ticket>;
  /** The request was not counted by RapidPro: its place is free again. */
  release(ticket: Ticket): Promise<void>;
  /** RapidPro answered 429: nothing more of this scope, in any process, for `seconds`. */
  holdOff(scope: string, seconds: number): Promise<void>;
}

export interface PacerOptions {
  sql: Sql;
  /** Whose budget: one RapidPro workspace. */
  workspace: string;
  lane: Lane;
  /** Each scope's rate (see ratesOf); a scope not listed has `v2`'s. */
  rates: Record<string, Rate>;
}

/**
 * Added to each period: RapidPro's window starts when a request arrives, ours when it leaves, so
 * a request that took longer to arrive than the one it follows would otherwise meet a 429.
 */
const ARRIVAL_MARGIN_SECONDS = 1;

export function createPacer({ sql, workspace, lane, rates }: PacerOptions): Pacer {
  const rateOf = (scope: string) => rates[scope] ?? rates.v2 ?? parseRate(RAPIDPRO_DEFAULT_RATES.v2!)!;
  return {
    async take(scope, { signal, deadline } = {}) {
      const rate = rateOf(scope);
      const period = rate.seconds + ARRIVAL_MARGIN_SECONDS;
      const allowed = lane === 'interactive' ? rate.requests : rate.requests - reserveOf(rate);
      for (;;) {
        signal?.throwIfAborted();
        // The lock orders every process's takers of this scope; the window is read after it, so
        // two takers never both see the last free place.
        const results = await runInOneTrip(sql, (c) => [
          c`select pg_advisory_xact_lock(hashtext(${`rapidpro-budget:${workspace}:${scope}`}))`,
          c`delete from rapidpro_requests
            where workspace = ${workspace} and scope = ${scope}
              and sent_at <= clock_timestamp() - make_interval(secs => ${period})`,
          c`with used as (
              select count(*)::int as n from rapidpro_requests where workspace = ${workspace} and scope = ${scope}
            ), hold as (
              select held_until from rapidpro_holds
              where workspace = ${workspace} and scope = ${scope} and held_until > clock_timestamp()
            ), added as (
              insert into rapidpro_requests (workspace, scope, lane, sent_at)
              select ${workspace}, ${scope}, ${lane}, clock_timestamp() from used
              where n < ${allowed} and not exists (select 1 from hold)
              returning id
            )
            select (select id from added)::text as id, greatest(
              (select extract(epoch from held_until - clock_timestamp()) * 1000 from hold),
              -- A full window frees its next place when enough of its oldest requests are an hour old.
              case when (select n from used) >= ${allowed} then (
                select extract(epoch from sent_at + make_interval(secs => ${period}) - clock_timestamp()) * 1000
                from rapidpro_requests where workspace = ${workspace} and scope = ${scope}
                order by sent_at offset greatest((select n from used) - ${allowed}, 0) limit 1
              ) end
            )::float8 as "waitMs"`,
        ]);
        const { id, waitMs } = results[2]![0] as { id: string | null; waitMs: number | null };
        if (id) return { id, scope };
        const wait = Math.max(10, waitMs ?? 0);
        if (deadline !== undefined && Date.now() + wait > deadline) throw new RapidProBusyError(scope, wait / 1000);
        await sleep(wait, undefined, { signal });
      }
    },
    async release(ticket) {
      await sql`delete from rapidpro_requests where id = ${ticket.id}`;
    },
    async holdOff(scope, seconds) {
      await sql`
        insert into rapidpro_holds (workspace, scope, held_until)
        values (${workspace}, ${scope}, clock_timestamp() + make_interval(secs => ${seconds}))
        on conflict (workspace, scope) do update
          set held_until = greatest(rapidpro_holds.held_until, excluded.held_until)`;
    },
  };
}
