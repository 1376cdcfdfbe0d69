// RapidPro API v2 client: token auth, paging by `next`, 429 `Retry-After`, capped backoff on
// 5xx and network errors (ky does the retrying), and every payload parsed with a schema.
import ky, { HTTPError, type KyInstance } from 'ky';
import { z } from 'zod';
import { RapidProHttpError, RapidProSchemaError } from './errors.ts';
import * as s from './schemas.ts';
import { scopeOf, type Pacer, type Ticket } from './create-pacer.ts';

export interface RapidProClientOptions {
  url: string;
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Retries for 5xx, timeouts and network errors; 429s are retried more patiently. */
  retries?: number;
  /** Upper bound of one backoff delay, in ms. */
  backoffLimitMs?: number;
  /** How many 429s are waited out (each for its Retry-After). */
  throttledRetries?: number;
  /**
   * When a person waiting needs the answer by (ms since the epoch): a 429 is waited out only if
   * its Retry-After ends before, as often as that holds, and so is the budget's own wait.
   */
  deadline?: number;
  onRetry?: (info: { endpoint: string; attempt: number; error: Error }) => void;
  /** Counts requests against RapidPro's budget per throttle scope (see create-pacer.ts); none: requests go at once. */
  pacer?: Pacer;
  /** Stops every request of this client, and its waits. */
  signal?: AbortSignal;
}

export interface Page<T> {
  results: T[];
  /** Items that did not parse: skipped, reported with their uuid when they have one. */
  invalid: { uuid: string | null; issues: string[] }[];
  /** RapidPro's `next` URL, verbatim: a resumable cursor. */
  next: string | null;
  /** When RapidPro answered, on its own clock (the response's Date header), if it said. */
  answeredAt: Date | null;
}

type Params = Record<string, string | number | boolean | Date | string[] | undefined>;

const RATE_LIMIT_RETRIES = 30;
/** Time a retried request needs after its wait, kept free before a deadline. */
const DEADLINE_MARGIN_MS = 1_000;

export type RapidProClient = ReturnType<typeof createRapidProClient>;

export function createRapidProClient(options: RapidProClientOptions) {
  const root = options.url.replace(/\/+$/, '');
  const retries = options.retries ?? 5;
  const { pacer, deadline } = options;
  const timeLeft = () => (deadline === undefined ? Number.POSITIVE_INFINITY : deadline - Date.now());
  // A request made is given at least a second, whatever is left.
  const timeout = Math.max(1_000, Math.min(options.timeoutMs ?? 30_000, timeLeft()));
  // A 429 is RapidPro's normal pacing on big pulls: waited out (ky honours Retry-After) up to
  // the larger limit, and for a person only when the wait ends before their deadline.
  const waitsOut = (error: Error) => isThrottled(error) && retryAfterMs(error) + DEADLINE_MARGIN_MS < timeLeft();
  const throttledRetries =
    deadline === undefined ? (options.throttledRetries ?? RATE_LIMIT_RETRIES) : RATE_LIMIT_RETRIES;
  // Each attempt takes its place in the budget before it goes (beforeRequest, outside ky's
  // timeout) and gives it back when RapidPro did not count it (in fetch, which sees every
  // outcome, thrown or answered). ky hands fetch the very Request its hooks saw.
  const tickets = new WeakMap<Request, Ticket>();
  const fetchWith = options.fetch ?? globalThis.fetch;
  const countedFetch: typeof fetch = async (input, init) => {
    const ticket = input instanceof Request ? tickets.get(input) : undefined;
    try {
      const response = await fetchWith(input, init);
      if (ticket && !isCounted(response.status)) await pacer!.release(ticket);
      // A 429 stops the whole scope for every process, not only this request.
      if (ticket && response.status === 429) await pacer!.holdOff(ticket.scope, retryAfterSeconds(response));
      return response;
    } catch (error) {
      if (ticket) await pacer!.release(ticket).catch(() => undefined);
      throw error;
    }
  };
  const base = ky.create({
    prefixUrl: `${root}/api/v2/`,
    headers: { Authorization: `Token ${options.token}`, Accept: 'application/json' },
    timeout,
    signal: options.signal,
    fetch: pacer ? countedFetch : options.fetch,
    retry: {
      limit: throttledRetries,
      methods: ['get', 'delete'],
      backoffLimit: options.backoffLimitMs ?? 30_000,
      jitter: true,
      retryOnTimeout: true,
      // Other failures get `retries` attempts. (`undefined` means "ky's own rules", which is
      // what reads Retry-After.)
      shouldRetry: ({ error, retryCount }) =>
        isThrottled(error) ? (waitsOut(error) ? undefined : false) : retryCount <= retries ? undefined : false,
    },
    hooks: {
      beforeRequest: pacer
        ? [
            async (request, init) => {
              const scope = scopeOf(request.url);
              tickets.set(request, await pacer.take(scope, { signal: init.signal ?? undefined, deadline }));
            },
          ]
        : [],
      beforeRetry: [
        ({ request, error, retryCount }) =>
          options.onRetry?.({ endpoint: new URL(request.url).pathname, attempt: retryCount, error }),
      ],
    },
  });
  // Writes are retried only when RapidPro said "not now" (429): after a 5xx or a dropped
  // connection we cannot know whether it acted, and the outbox decides what to do.
  const writer = base.extend({
    retry: {
      limit: throttledRetries,
      methods: ['post'],
      statusCodes: [429],
      shouldRetry: ({ error }) => (waitsOut(error) ? undefined : false),
    },
  });

  async function request(
    http: KyInstance,
    endpoint: string,
    init: Parameters<KyInstance>[1],
    seen?: (response: Response) => void,
  ): Promise<unknown> {
    try {
      const response = await http(endpoint, init);
      seen?.(response);
      if (response.status === 204) return null;
      // A 200 whose body is not JSON (a proxy's page, a cut-off answer) is RapidPro failing, not us.
      return await response.json().catch((error: unknown) => {
        throw new RapidProSchemaError(endpoint, [
          `not JSON: ${error instanceof Error ? error.message : String(error)}`,
        ]);
      });
    } catch (error) {
      if (error instanceof HTTPError) {
        const body = await error.response.json().catch(() => null);
        const status = error.response.status;
        throw new RapidProHttpError(
          endpoint,
          status,
          body,
          status === 429 ? retryAfterSeconds(error.response) : undefined,
        );
      }
      throw error;
    }
  }

  function parse<T extends z.ZodType>(endpoint: string, schema: T, body: unknown): z.infer<T> {
    const result = schema.safeParse(body);
    if (!result.success) throw new RapidProSchemaError(endpoint, describe(result.error));
    return result.data;
  }

  async function getOne<T extends z.ZodType>(endpoint: string, schema: T, params: Params = {}) {
    return parse(endpoint, schema, await request(base, endpoint, { searchParams: toSearchParams(params) }));
  }

  /**
   * Pages of an endpoint, following `next` verbatim. Pass `resumeFrom` (a saved `next`) to carry
   * on where a killed job stopped. A bad item is skipped and reported, never fatal to the page.
   */
  async function* pages<T extends z.ZodType>(
    endpoint: string,
    item: T,
    params: Params = {},
    resumeFrom?: string | null,
  ): AsyncGenerator<Page<z.infer<T>>> {
    let url: string | null = resumeFrom ?? null;
    let first = !resumeFrom;
    while (first || url) {
      let answeredAt: Date | null = null;
      const dated = (response: Response) => {
        const date = Date.parse(response.headers.get('date') ?? '');
        answeredAt = Number.isNaN(date) ? null : new Date(date);
      };
      const body = first
        ? await request(base, endpoint, { searchParams: toSearchParams(params) }, dated)
        : await request(base.extend({ prefixUrl: '' }), url!, {}, dated);
      first = false;
      const page = parse(endpoint, envelope, body);
      const results: z.infer<T>[] = [];
      const invalid: Page<z.infer<T>>['invalid'] = [];
      for (const raw of page.results) {
        const parsed = item.safeParse(raw);
        if (parsed.success) results.push(parsed.data);
        else invalid.push({ uuid: uuidOf(raw), issues: describe(parsed.error) });
      }
      url = page.next ?? null;
      yield { results, invalid, next: url, answeredAt };
    }
  }

  async function post<T extends z.ZodType>(
    endpoint: string,
    schema: T,
    json: unknown,
    params: Params = {},
    signal?: AbortSignal,
  ) {
    return parse(
      endpoint,
      schema,
      await request(writer, endpoint, { method: 'post', json, searchParams: toSearchParams(params), signal }),
    );
  }

  return {
    workspace: () => getOne('workspace.json', s.workspaceSchema),
    groups: (params: Params = {}, resumeFrom?: string | null) =>
      pages('groups.json', s.groupSchema, params, resumeFrom),
    fields: (params: Params = {}, resumeFrom?: string | null) =>
      pages('fields.json', s.fieldSchema, params, resumeFrom),
    flows: (params: Params = {}, resumeFrom?: string | null) => pages('flows.json', s.flowSchema, params, resumeFrom),
    definitions: (flowUuids: string[]) =>
      getOne('definitions.json', s.definitionsSchema, { flow: flowUuids, dependencies: 'none' }),
    contacts: (params: Params = {}, resumeFrom?: string | null) =>
      pages('contacts.json', s.contactSchema, params, resumeFrom),
    deletedContacts: (params: Params = {}, resumeFrom?: string | null) =>
      pages('contacts.json', s.deletedContactSchema, { ...params, deleted: true }, resumeFrom),
    runs: (params: Params = {}, resumeFrom?: string | null) => pages('runs.json', s.runSchema, params, resumeFrom),
    boundaries: (params: Params = {}, resumeFrom?: string | null) =>
      pages('boundaries.json', s.boundarySchema, params, resumeFrom),
    messages: (params: Params = {}, resumeFrom?: string | null) =>
      pages('messages.json', s.messageSchema, params, resumeFrom),
    /** `signal` stops the request (and its waits on 429s) when the caller must not go on. */
    startFlow: (
      body: { flow: string; contacts: string[]; restart_participants?: boolean; params?: Record<string, string> },
      signal?: AbortSignal,
    ) => post('flow_starts.json', s.flowStartSchema, body, {}, signal),
    flowStarts: (params: Params = {}) => pages('flow_starts.json', s.flowStartListedSchema, params),
    broadcasts: (params: Params = {}) => pages('broadcasts.json', s.broadcastListedSchema, params),
    /** `text` per language (`{eng: …, fra: …}`) needs `base_language`, one of its keys. */
    broadcast: (
      body: { text: string | Record<string, string>; base_language?: string; contacts: string[] },
      signal?: AbortSignal,
    ) => post('broadcasts.json', s.broadcastSchema, body, {}, signal),
    createContact: (body: ContactWrite) => post('contacts.json', s.contactSchema, body),
    updateContact: (uuid: string, body: ContactWrite) => post('contacts.json', s.contactSchema, body, { uuid }),
    deleteContact: async (uuid: string) => {
      await request(writer, 'contacts.json', { method: 'delete', searchParams: toSearchParams({ uuid }) });
    },
  };
}

export interface ContactWrite {
  name?: string | null;
  language?: string | null;
  urns?: string[];
  groups?: string[];
  fields?: Record<string, string | null>;
}

// Items are parsed one by one after the envelope, so one bad record cannot sink its page.
const envelope = s.pageOf(z.unknown());

function isThrottled(error: Error): error is HTTPError {
  return error instanceof HTTPError && error.response.status === 429;
}

function retryAfterMs(error: HTTPError): number {
  return retryAfterSeconds(error.response) * 1000;
}

/**
 * Whether RapidPro counted a request it answered with this status. DRF checks authentication
 * and permissions before throttles (rest_framework/views.py, APIView.initial), so a 401 or 403
 * was never counted; a 429 is not (SimpleRateThrottle.throttle_failure records nothing). A 5xx is
 * RapidPro (or a proxy in front of it) failing, counted or not: given back, so an outage never
 * spends budget; if RapidPro did count it, the worst is one 429 that says so.
 */
function isCounted(status: number): boolean {
  return status < 500 && ![401, 403, 429].includes(status);
}

/** Retry-After in seconds (RapidPro sends seconds; an HTTP date is read too), 1 when absent. */
function retryAfterSeconds(response: Response): number {
  const header = response.headers.get('retry-after');
  if (!header) return 1;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1 : Math.max(0, (at - Date.now()) / 1000);
}

function toSearchParams(params: Params): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      search.append(key, one instanceof Date ? one.toISOString() : String(one));
    }
  }
  return search;
}

function describe(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

function uuidOf(raw: unknown): string | null {
  const uuid = raw && typeof raw === 'object' ? (raw as { uuid?: unknown }).uuid : null;
  return typeof uuid === 'string' ? uuid : null;
}
