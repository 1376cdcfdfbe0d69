// A server that accepts connections and reads requests but never writes a byte back: what a
// hung RapidPro or QuickChart looks like from the bot. Counts the HTTP requests it was sent.
import { createServer, type Socket } from 'node:net';

export async function startSilentServer() {
  const sockets = new Set<Socket>();
  /** Connections that carried a request and are still open. */
  const waiting = new Set<Socket>();
  let requests = 0;
  const server = createServer((socket) => {
    sockets.add(socket.on('close', () => sockets.delete(socket) && waiting.delete(socket)));
    socket.on('data', (chunk) => {
      const sent = (chunk.toString().match(/^(GET|POST) /gm) ?? []).length;
      requests += sent;
      if (sent > 0) waiting.add(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests: () => requests,
    /** Requests whose connection is still open: a client that gave up on one has closed it. */
    waitingRequests: () => waiting.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
