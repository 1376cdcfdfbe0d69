// A TCP proxy in front of a server (PostgreSQL here) that can take it away the ways a network
// or an operator does: down (connections reset and refused, as during a restart) and frozen
// (connections accepted and held, nothing forwarded, as with a stopped or partitioned server).
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Resets every connection and refuses new ones until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** Resets the connections open now (each with probability `share`), still taking new ones. */
  cut(share?: number, random?: () => number): number;
  /** Holds every connection, old and new, without forwarding a byte until `thaw()`. */
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket | null]>();
  const held: (() => void)[] = [];
  let frozen = false;
  const open = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket | null] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
    if (frozen) client.pause(), upstream.pause();
  };
  const onConnection = (client: Socket) => {
    if (!frozen) return open(client);
    client.pause();
    held.push(() => open(client));
  };
  let server: Server = createServer(onConnection);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const port = await listen(0);
  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const proxy: TcpProxy = {
    port,
    async down() {
      const closed = closeServer();
      for (const [client, upstream] of pairs) client.resetAndDestroy(), upstream?.destroy();
      pairs.clear();
      await closed;
    },
    async up() {
      server = createServer(onConnection);
      await listen(port);
    },
    cut(share = 1, random = Math.random) {
      let cut = 0;
      for (const pair of pairs) {
        if (random() >= share) continue;
        pair[0].resetAndDestroy(), pair[1]?.destroy();
        pairs.delete(pair);
        cut++;
      }
      return cut;
    },
    freeze() {
      frozen = true;
      for (const [client, upstream] of pairs) client.pause(), upstream?.pause();
    },
    thaw() {
      frozen = false;
      for (const [client, upstream] of pairs) client.resume(), upstream?.resume();
      held.splice(0).forEach((resume) => resume());
    },
    async close() {
      proxy.thaw();
      for (const [client, upstream] of pairs) client.destroy(), upstream?.destroy();
      if (server.listening) await closeServer();
    },
  };
  return proxy;
}
