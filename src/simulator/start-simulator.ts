// A RapidPro API v2 server over HTTP, with the demo workspace: what `npm start` talks to with no
// configuration, and what the tests sync from. Endpoints live at `${url}/api/v2/<name>.json`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { decideFault, type Faults } from './faults.ts';
import { createRandom } from './random.ts';
import { createResponder } from './respond-to-start.ts';
import { routes } from './routes/index.ts';
import { seedDemo } from './seed-demo.ts';
import { createStore, type SimulatorStore } from './store.ts';
import { createThrottle } from './throttle.ts';

export interface SimulatorOptions {
  /** 0 (the default) takes any free port. */
  port?: number;
  /** Requests must carry `Authorization: Token <token>`; default 'demo-token'. */
  token?: string;
  /** Everything (demo data, answers, faults) is the same for a seed; default 1. */
  seed?: number;
  /**
   * The clock; demo history is dated relative to it at start. Every timestamp it serves and its
   * responses' Date header read it, so a clock hours off ours stands for a RapidPro server whose
   * clock is.
   */
  now?: () => Date;
  /** Items per page; default 250, as RapidPro. */
  pageSize?: number;
  faults?: Faults;
  /**
   * Throttle as RapidPro does (see throttle.ts): the workspace's rates per scope, merged over
   * RapidPro's defaults (`{}` for the defaults alone, `{v2: '6/minute'}` for a stingy server).
   * None: no throttling but the faults'.
   */
  throttle?: Record<string, string>;
  /** Min and max delay between a started contact's steps; default [500, 4000]. */
  answerDelayMs?: [number, number];
  /** Seed the demo workspace (default true); false gives an empty workspace to build on. */
  demo?: boolean;
  /** The demo also has a round of Attendance under way since this morning, Gulu lagging (see seed-demo.ts). */
  morningRound?: boolean;
  /**
   * The moment the demo history is dated from; default: the clock at start. Two simulators with
   * the same seed and moment hold the same workspace, so a mirror synced from one is a mirror of
   * the other (the tests copy one synced demo org instead of syncing each afresh).
   */
  seededAt?: Date;
  /** Called before each authorised request is answered: tests change data between page reads. */
  beforeRequest?: (url: URL, store: SimulatorStore) => void | Promise<void>;
}

export interface Simulator {
  url: string;
  token: string;
  store: SimulatorStore;
  setFaults(faults: Faults): void;
  /** Closes the server and clears every timer, so the process can exit. */
  stop(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const token = options.token ?? 'demo-token';
  const now = options.now ?? (() => new Date());
  const seed = options.seed ?? 1;
  const store = createStore(now);
  // Separate generators, so injecting faults or answering does not change the demo data.
  const dataRandom = createRandom(seed);
  const answerRandom = createRandom(seed * 31 + 17);
  const faultRandom = createRandom(seed * 7919 + 1);
  if (options.demo !== false) seedDemo(store, dataRandom, options.seededAt ?? now(), options.morningRound);
  else
    store.workspace = {
      uuid: '00000000-0000-4000-8000-000000000000',
      name: 'Empty',
      country: 'UG',
      languages: ['eng'],
      primaryLanguage: 'eng',
      timezone: 'UTC',
    };
  const responder = createResponder(store, answerRandom, options.answerDelayMs ?? [500, 4000]);
  let faults: Faults = options.faults ?? {};
  const throttle = options.throttle ? createThrottle(options.throttle) : null;
  let served = 0;
  // Aborts requests still sleeping out their latency when the server stops.
  const stopping = new AbortController();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    // HTTP servers date their answers (RFC 9110, section 6.6.1), on their own clock.
    res.setHeader('date', now().toUTCString());
    const body = await readBody(req);
    if (faults.latencyMs) await sleep(faults.latencyMs, undefined, { signal: stopping.signal });
    const auth = req.headers.authorization;
    if (!auth) return send(res, 403, { detail: 'Authentication credentials were not provided.' });
    if (auth !== `Token ${token}`) return send(res, 403, { detail: 'Invalid token.' });
    const endpoint = /^\/api\/v2\/([a-z_]+)\.json$/.exec(url.pathname)?.[1];
    const route = endpoint ? routes[endpoint] : undefined;
    if (!route) return send(res, 404, { detail: 'Not found.' });
    await options.beforeRequest?.(url, store);
    const fault = decideFault(faults, faultRandom, ++served);
    // A refused request is not counted by the throttle, whoever refused it.
    const verdict = fault?.status === 429 ? fault : throttle?.allow(endpoint!);
    if (verdict && 'retryAfter' in verdict) {
      const detail = `Request was throttled. Expected available in ${verdict.retryAfter} second${verdict.retryAfter === 1 ? '' : 's'}.`;
      return send(res, 429, { detail }, { 'retry-after': String(verdict.retryAfter) });
    }
    if (fault?.status === 500) return send(res, 500, { detail: 'Server Error (500)' });
    let parsed: unknown;
    if (body.trim().length > 0) {
      try {
        parsed = JSON.parse(body);
      } catch (error) {
        return send(res, 400, { detail: `JSON parse error - ${(error as Error).message}` });
      }
    }
    const pageSize = options.pageSize ?? 250;
    const result = route({
      method: req.method ?? 'GET',
      url,
      body: parsed ?? {},
      store,
      pageSize,
      random: dataRandom,
      responder,
    });
    if (faults.answerLatencyMs && req.method === 'POST')
      await sleep(faults.answerLatencyMs, undefined, { signal: stopping.signal });
    if (req.method === 'POST' && faults.rate504AfterWrite && faultRandom() < faults.rate504AfterWrite) {
      res.writeHead(504, { 'content-type': 'text/html' });
      return res.end('<html><body><h1>504 Gateway Time-out</h1></body></html>');
    }
    send(res, result.status, result.body, result.headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (stopping.signal.aborted) return res.destroy();
      send(res, 500, { detail: String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    store,
    setFaults: (next) => (faults = next),
    async stop() {
      stopping.abort();
      responder.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent || res.destroyed) return;
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
