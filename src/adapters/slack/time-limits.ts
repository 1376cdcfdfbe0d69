// How long the bot waits on Slack, chosen by who waits. Left to itself the Web API client has no
// time limit and retries ten times over about thirty minutes, and Bolt's `respond` (response URLs)
// has no limit at all: a Slack that accepts a request and never answers would hold a person's
// answer, and the request's place in the app, for good.
import type { WebClientOptions } from '@slack/web-api';

export interface SlackTimeLimits {
  /** A call made while a person waits for their answer: one retry after a short pause. */
  callMs: number;
  /** A background post (digests, send reports): longer, and retried for minutes. */
  bulkCallMs: number;
}

export const slackTimeLimits: SlackTimeLimits = { callMs: 10_000, bulkCallMs: 30_000 };

/** Options for the client that answers people (Bolt's own client and its `respond`). */
export function interactiveClientOptions(limits: SlackTimeLimits): WebClientOptions {
  return {
    timeout: limits.callMs,
    retryConfig: { retries: 1, minTimeout: 1_000, maxTimeout: 2_000 },
    fetch: fetchWithin(limits.callMs),
  };
}

/** Options for the client that posts in the background: one call at a time, waiting out 429s. */
export function bulkClientOptions(limits: SlackTimeLimits): WebClientOptions {
  return {
    timeout: limits.bulkCallMs,
    maxRequestConcurrency: 1,
    retryConfig: { retries: 8 },
    fetch: fetchWithin(limits.bulkCallMs),
  };
}

/**
 * fetch with a time limit where the caller set none: Bolt's `respond` (response URLs) and the
 * upload of a file's bytes use the client's fetch without a signal; Web API calls bring their own.
 */
const fetchWithin =
  (ms: number): typeof fetch =>
  (input, init) =>
    fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(ms) });
