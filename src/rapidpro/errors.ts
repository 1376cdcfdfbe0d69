// Typed failures of the RapidPro client, so callers can tell a bad token from a bad payload.

/** RapidPro answered with an error status (after any retries). */
export class RapidProHttpError extends Error {
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly body: unknown,
    /** For a 429: the Retry-After RapidPro gave, in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    // Operators read this at start-up and in logs: a 401/403 is always the token.
    super(
      status === 401 || status === 403
        ? `RapidPro refused the API token (${endpoint} answered ${status}): the token is wrong, revoked, or for another workspace — check RAPIDPRO_TOKEN or connect the workspace again`
        : `RapidPro ${endpoint} answered ${status}`,
    );
    this.name = 'RapidProHttpError';
  }

  /** RapidPro refused the request for good (bad input, unknown object); retrying won't help. */
  get isRejection(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 429 && this.status !== 408;
  }
}

/** RapidPro answered 200 with a payload that does not have the shape we read. */
export class RapidProSchemaError extends Error {
  constructor(
    readonly endpoint: string,
    readonly issues: string[],
  ) {
    super(`RapidPro ${endpoint} sent an unexpected payload: ${issues.slice(0, 3).join('; ')}`);
    this.name = 'RapidProSchemaError';
  }
}

/**
 * RapidPro's budget for a scope is spent (or RapidPro asked for a pause) for longer than the
 * person waiting has: the request was not made. `seconds` is how long until it could be.
 */
export class RapidProBusyError extends Error {
  constructor(
    readonly scope: string,
    readonly seconds: number,
  ) {
    super(`RapidPro's ${scope} budget is spent for the next ${Math.ceil(seconds)} s`);
    this.name = 'RapidProBusyError';
  }
}
