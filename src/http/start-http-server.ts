// The bot's one HTTP port: health and metrics for operators, and the paths the chat platforms
// deliver to (Slack's events, Telegram's webhook), mounted by their adapters.
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import pTimeout from 'p-timeout';
import type { Logger } from 'pino';

export interface HttpServer {
  /** Requests whose path starts with `prefix` go to `listener`. */
  mount(prefix: string, listener: RequestListener): void;
  port: number;
  close(): Promise<void>;
}

export interface HttpOptions {
  port: number;
  log: Logger;
  /** Each check resolves when its part is reachable and throws when it is not. */
  health: Record<string, () => Promise<unknown>>;
  metrics: { contentType: string; render(): Promise<string> };
}

export async function startHttpServer(options: HttpOptions): Promise<HttpServer> {
  const mounts: { prefix: string; listener: RequestListener }[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    // /livez: the process answers (for a liveness probe, which restarts; /healthz is for alerts).
    if (path === '/livez') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    if (path === '/healthz') return void health(options, res);
    if (path === '/metrics') return void metrics(options, res);
    const mounted = mounts.find((m) => path.startsWith(m.prefix));
    if (mounted) return void readBody(req, res, mounted.listener, options.log);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  options.log.info({ port }, 'HTTP server listening');
  return {
    mount: (prefix, listener) => void mounts.push({ prefix, listener }),
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A delivery from Slack or Telegram is a few kilobytes; 1 MiB is far above any. Bolt's own limit
 * is 4 MB and telegraf's webhook has none (it reads the whole body into a string).
 */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The body is read here, up to the limit, and handed over read: Bolt takes it from `rawBody`
 * and telegraf from `body` (both are made for bodies read before them). Over the limit the answer
 * is 413 — said before the body is read when its length is declared — and what is left of the
 * body is read and dropped, so the sender sees the 413 rather than a connection cut under it.
 */
function readBody(req: IncomingMessage, res: ServerResponse, listener: RequestListener, log: Logger): void {
  const tooLarge = () => {
    log.warn({ path: req.url, declared: req.headers['content-length'] }, 'request body over the limit refused');
    res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('Request body too large');
    req.resume();
  };
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) {
    tooLarge();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
    req.off('data', onData).off('end', onEnd);
    chunks.length = 0;
    tooLarge();
  };
  const onEnd = () => {
    const body = Buffer.concat(chunks);
    Object.assign(req, { rawBody: body, body });
    listener(req, res);
  };
  req.on('data', onData).on('end', onEnd);
}

/**
 * Every endpoint answers within 2 s whatever is down: a frozen database or a hanging RapidPro
 * makes its check fail after CHECK_LIMIT_MS (the checks run side by side), never the request hang.
 */
const CHECK_LIMIT_MS = 1_500;

async function health(options: HttpOptions, res: ServerResponse) {
  const results = await Promise.all(
    Object.entries(options.health).map(async ([name, check]) => {
      try {
        await withTimeout(check(), CHECK_LIMIT_MS);
        return [name, 'ok', null] as const;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        options.log.warn({ part: name, reason }, 'health check failed');
        return [name, 'failing', reason] as const;
      }
    }),
  );
  const ok = results.every(([, state]) => state === 'ok');
  const reasons = Object.fromEntries(
    results.filter(([, , reason]) => reason !== null).map(([name, , reason]) => [name, reason]),
  );
  const body = {
    status: ok ? 'ok' : 'failing',
    ...Object.fromEntries(results.map(([name, state]) => [name, state])),
    ...(ok ? {} : { reasons }),
  };
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function metrics(options: HttpOptions, res: ServerResponse) {
  try {
    const body = await withTimeout(options.metrics.render(), CHECK_LIMIT_MS);
    res.writeHead(200, { 'content-type': options.metrics.contentType }).end(body);
  } catch (error) {
    options.log.error({ err: error }, 'metrics failed');
    res.writeHead(500).end();
  }
}

/** The check's own work goes on when it loses (a query on a frozen database); p-timeout keeps its late failure handled. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return pTimeout(promise, { milliseconds: ms, message: `no answer in ${ms} ms` });
}
