// RapidPro's API throttle, as it counts: per workspace and per scope (temba/api/v2/views.py's
// `throttle_scope`: `v2.contacts`, `v2.messages` and `v2.runs` for those endpoints, `v2` for
// every other), at a rate per scope (temba/settings_common.py, DEFAULT_THROTTLE_RATES, each
// "3600/hour", merged with the workspace's `api_rates` in temba/api/support.py). The counting is
// Django REST framework's SimpleRateThrottle (rest_framework/throttling.py): the times of the
// requests let through within the last `duration` seconds; a request is refused when there are
// `num_requests` of them already, and a refused one is not recorded. Retry-After is DRF's
// `wait()`: the time until the oldest recorded request leaves the window, divided by the
// requests still available plus one, rounded up.

/** Scopes of their own in temba/api/v2/views.py; every other endpoint throttles as `v2`. */
const OWN_SCOPES: Record<string, string> = { contacts: 'v2.contacts', messages: 'v2.messages', runs: 'v2.runs' };

/** RapidPro's DEFAULT_THROTTLE_RATES. */
const DEFAULT_THROTTLE_RATES: Readonly<Record<string, string>> = {
  v2: '3600/hour',
  'v2.contacts': '3600/hour',
  'v2.messages': '3600/hour',
  'v2.runs': '3600/hour',
};

const DURATIONS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

export interface Throttle {
  /** Counts a request to `endpoint` if the window allows it; otherwise the seconds to wait. */
  allow(endpoint: string): { allowed: true } | { allowed: false; retryAfter: number };
}

/** `rates` are merged over RapidPro's defaults, as a workspace's api_rates are. */
export function createThrottle(rates: Record<string, string>, now: () => number = Date.now): Throttle {
  const merged = { ...DEFAULT_THROTTLE_RATES, ...rates };
  const parsed = new Map(
    Object.entries(merged).map(([scope, rate]) => {
      const [count, period = 'h'] = rate.split('/');
      return [scope, { num: Number(count), duration: DURATIONS[period[0]!]! * 1000 }] as const;
    }),
  );
  // Newest first, as DRF keeps them.
  const histories = new Map<string, number[]>();
  return {
    allow(endpoint) {
      const scope = OWN_SCOPES[endpoint] ?? 'v2';
      const rate = parsed.get(scope)!;
      const at = now();
      const history = histories.get(scope) ?? [];
      while (history.length > 0 && history.at(-1)! <= at - rate.duration) history.pop();
      histories.set(scope, history);
      if (history.length >= rate.num) {
        const remaining = history.length > 0 ? rate.duration - (at - history.at(-1)!) : rate.duration;
        const available = rate.num - history.length + 1;
        return { allowed: false, retryAfter: Math.ceil(remaining / 1000 / Math.max(1, available)) };
      }
      history.unshift(at);
      return { allowed: true };
    },
  };
}
