// How long a RapidPro call may take, by who waits for it. Background work (syncs, sends) can wait
// out a slow or throttling RapidPro: 30 s a request, five retries, 429s waited out thirty times.
// A person waiting behind a command cannot: one retry, and everything within the 20 s every
// command has (src/core/dispatch.ts), so they hear "RapidPro did not answer" rather than
// "no answer in time".
import type { RapidProClientOptions } from './create-client.ts';
import type { Lane } from './create-pacer.ts';

type Limits = Required<Pick<RapidProClientOptions, 'timeoutMs' | 'retries' | 'backoffLimitMs' | 'throttledRetries'>>;

export const laneLimits: Record<Lane, Limits> = {
  interactive: { timeoutMs: 6_000, retries: 1, backoffLimitMs: 2_000, throttledRetries: 1 },
  background: { timeoutMs: 30_000, retries: 5, backoffLimitMs: 30_000, throttledRetries: 30 },
};
