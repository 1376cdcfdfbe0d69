// How long a RapidPro call may take, by who waits for it. Background work (syncs, sends) can wait
// out a slow or throttling RapidPro: 30 s a request, five retries, 429s waited out thirty times.
// A person waiting behind a command cannot: one retry of a failure, and within the 20 s every
// command has (src/core/dispatch.ts gives each command's client its deadline), so they hear
// "RapidPro did not answer" rather than "no answer in time". A 429 is waited out for them as
// often as its Retry-After ends before their deadline (see create-client.ts).
import type { RapidProClientOptions } from './create-client.ts';
import type { Lane } from './create-pacer.ts';

type Limits = Required<Pick<RapidProClientOptions, 'timeoutMs' | 'retries' | 'backoffLimitMs' | 'throttledRetries'>>;

export const laneLimits: Record<Lane, Limits> = {
  interactive: { timeoutMs: 6_000, retries: 1, backoffLimitMs: 2_000, throttledRetries: 1 },
  background: { timeoutMs: 30_000, retries: 5, backoffLimitMs: 30_000, throttledRetries: 30 },
};
