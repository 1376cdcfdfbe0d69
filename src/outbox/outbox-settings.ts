// How patiently the outbox waits for RapidPro. A send someone confirmed is carried on across
// outages of hours; only after `giveUpAfterMs` without success is it failed and its requester told.

export interface OutboxSettings {
  /** First wait after a failed attempt; each further failure doubles it, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  giveUpAfterMs: number;
  /**
   * A batch found `sending` whose request began less than this long ago is left alone for now:
   * a sender that lost its database connection may still have that request in flight (it stops
   * within a heartbeat or two), and RapidPro needs a moment before the start can be looked up.
   */
  settleMs: number;
  /** How often a sender checks its lock's connection. */
  heartbeatMs: number;
}

export const defaultOutboxSettings: OutboxSettings = {
  retryBaseMs: 30_000,
  retryMaxMs: 15 * 60_000,
  giveUpAfterMs: 24 * 60 * 60_000,
  settleMs: 30_000,
  heartbeatMs: 5_000,
};

/** When to try again after `failures` failed attempts in a row (the first failure is 1). */
export function nextAttemptAt(now: Date, failures: number, settings: OutboxSettings): Date {
  const wait = Math.min(settings.retryBaseMs * 2 ** Math.max(0, failures - 1), settings.retryMaxMs);
  return new Date(now.getTime() + wait);
}
