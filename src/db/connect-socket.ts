// The TCP (or Unix) socket postgres.js talks to PostgreSQL over, made here so that a connection
// that breaks is out of the pool before the next query can be given to it.
//
// Node emits a broken socket's 'error' and, a turn of the event loop later, its 'close'.
// postgres.js (3.4.x) rejects the queries on a connection when 'error' comes, but only takes the
// connection out of its pool on 'close'; a query handed to it in between is then never settled
// (a close after an error rejects nothing), and when the connection is made again the first reply
// of the new session resolves that query with an empty result. Seen when the database restarted:
// the next command hung until the bot was restarted. Reporting the close right after the error
// leaves no such gap. Upstream: porsager/postgres issues 1130 and pull request 1142.
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
