// The TCP (or Unix) socket postgres.js talks to PostgreSQL over, made here so that a connection
// that breaks is out of the pool before the next query can be given to it.
//
// Node emits a broken socket's 'error' and, a turn of the event loop later, its 'close'.
// postgres.js (3.4.x) rejects the queries on a connection when 'error' comes, but only takes the
// connection out of its pool on 'close'. Reporting the close right after the error leaves no gap
// in which a query is given to a dead connection.
//
// The driver and this socket agree on what a close means only with the patch in
// patches/postgres+3.4.9.patch (applied by `npm install`, patch-package). Unpatched, postgres.js
// forgets its socket on 'close' while a transaction (its own ROLLBACK) or a reserved connection
// (a lock's heartbeat, its unlock) may still write to it: the write, deferred to a timer, threw
// "Cannot read properties of null (reading 'write')" where nothing could catch it, and the bot
// exited. Patched, a close settles every query the connection holds (after an error too: one
// given to it in between no longer waits for ever, or takes the next session's first reply as
// its own), drops the write left waiting, and a handle on a closed connection gets
// CONNECTION_CLOSED instead of writing. Upstream: porsager/postgres issues 1130, 1154 and 1208.
import { connect, type Socket } from 'node:net';

interface SocketOptions {
  host: string[];
  port: number[];
  path?: string | false;
}

/**
 * A socket being connected to the first host (postgres.js writes its start-up message once it is
 * open, and its connect_timeout still applies), whose 'close' follows its 'error' at once.
 */
export function connectSocket({ host, port, path }: SocketOptions): Socket {
  const socket = path ? connect(path) : connect(port[0]!, host[0]!);
  socket.once('error', () => process.nextTick(() => socket.emit('close', true)));
  return socket;
}
