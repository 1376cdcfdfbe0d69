// Fault injection: a share of requests throttled (429 with Retry-After) or failing (500), and
// added latency. Draws come from the seeded generator, so a seed replays the same faults.
import type { Random } from './random.ts';

export interface Faults {
  rate429?: number;
  rate500?: number;
  latencyMs?: number;
  /** Delay after a write was acted on, before its answer: the window in which a caller that dies has been obeyed without knowing it. */
  answerLatencyMs?: number;
  retryAfterSeconds?: number;
  /**
   * Share of writes (POSTs) acted on and then answered 504 Gateway Timeout, as a proxy in front
   * of a slow RapidPro answers: the caller cannot tell whether it was obeyed.
   */
  rate504AfterWrite?: number;
  /** Every n-th request answered 429 (with retryAfterSeconds), whatever else: a throttling proxy's rhythm. */
  throttleEvery?: number;
}

export type FaultDecision = { status: 429; retryAfter: number } | { status: 500 } | null;

/** `count` is the request's place among those the simulator served (1 for the first). */
export function decideFault(faults: Faults, random: Random, count: number): FaultDecision {
  if (faults.throttleEvery && count % faults.throttleEvery === 0)
    return { status: 429, retryAfter: faults.retryAfterSeconds ?? 1 };
  const roll = random();
  if (roll < (faults.rate429 ?? 0)) return { status: 429, retryAfter: faults.retryAfterSeconds ?? 1 };
  if (roll < (faults.rate429 ?? 0) + (faults.rate500 ?? 0)) return { status: 500 };
  return null;
}
