// A RapidPro API v2 server over HTTP, with the demo workspace: what `npm start` talks to with no
// configuration, and what the tests sync from.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { decideFault, type Faults } from './faults.ts';
import { createRandom } from './random.ts';
import { createResponder } from './respond-to-start.ts';
import { contacts } from './routes/contacts.ts';
import type { Route } from './routes/context.ts';
import * as read from './routes/read.ts';
import { runs } from './routes/runs.ts';
import { broadcasts, flowStarts } from './routes/writes.ts';
import { seedDemo } from './seed-demo.ts';
import { createStore, type SimulatorStore } from './store.ts';

export interface SimulatorOptions {
  port?: number;
  token?: string;
  seed?: number;
  now?: () => Date;
  pageSize?: number;
  faults?: Faults;
  answerDelayMs?: [number, number];
  demo?: boolean;
  /** Called before each authorised request is answered: tests change data between page reads. */
  beforeRequest?: (url: URL, store: SimulatorStore) => void;
}

export interface Simulator {
  url: string;
  token: string;
  store: SimulatorStore;
  setFaults(faults: Faults): void;
  stop(): Promise<void>;
}

export type { SimulatorStore };

const routes: Record<string, Route> = {
  'workspace.json': read.workspace,
  'org.json': read.workspace,
  'groups.json': read.groups,
  'fields.json': read.fields,
  'flows.json': read.flows,
  'definitions.json': read.definitions,
  'boundaries.json': read.boundaries,
  'messages.json': read.messages,
  'contacts.json': contacts,
  'runs.json': runs,
  'flow_starts.json': flowStarts,
  'broadcasts.json': broadcasts,
};

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const token = options.token ?? 'demo-token';
  const now = options.now ?? (() => new Date());
  const seed = options.seed ?? 1;
  const store = createStore(now);
  // Separate generators, so injecting faults does not change the demo data or the answers.
  const dataRandom = createRandom(seed);
  const faultRandom = createRandom(seed * 7919 + 1);
  if (options.demo !== false) seedDemo(store, dataRandom, now());
  const responder = createResponder(store, dataRandom, options.answerDelayMs ?? [500, 4000]);
  let faults: Faults = options.faults ?? {};

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, { detail: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const body = await readBody(req);
    if (faults.latencyMs) await sleep(faults.latencyMs);
    if (req.headers.authorization !== `Token ${token}`) return send(res, 403, { detail: 'Invalid token.' });
    const endpoint = /^\/api\/v2\/([a-z_]+\.json)$/.exec(url.pathname)?.[1];
    const route = endpoint ? routes[endpoint] : undefined;
    if (!route) return send(res, 404, { detail: 'Not found.' });
    options.beforeRequest?.(url, store);
    const fault = decideFault(faults, faultRandom);
    if (fault?.status === 429) {
      return send(res, 429, { detail: `Request was throttled. Expected available in ${fault.retryAfter} seconds.` }, { 'retry-after': String(fault.retryAfter) });
    }
    if (fault?.status === 500) return send(res, 500, { detail: 'Server Error (500)' });
    let parsed: unknown = null;
    if (body.length > 0) {
      try {
        parsed = JSON.parse(body);
      } catch {
        return send(res, 400, { detail: 'JSON parse error' });
      }
    }
    const pageSize = Number(url.searchParams.get('page_size')) || (options.pageSize ?? 250);
    const result = route({ method: req.method ?? 'GET', url, body: parsed, store, pageSize, random: dataRandom, respondToStart: responder.respond });
    send(res, result.status, result.body);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    store,
    setFaults: (next) => (faults = next),
    async stop() {
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
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
