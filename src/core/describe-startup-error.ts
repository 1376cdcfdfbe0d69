// "TracBot could not start: …" must name the cause. Libraries reject with odd things: nothing at
// all, an AggregateError with an empty message (one refused connection per address), a
// PostgreSQL code with a terse message. Each becomes a line an operator can act on.

interface Detailed {
  message?: string;
  code?: string;
  address?: string;
  port?: number;
  hostname?: string;
  errors?: unknown[];
  cause?: unknown;
}

const postgresCodes: Record<string, string> = {
  '28P01': 'the database refused the user name or password in DATABASE_URL',
  '28000': 'the database refused the connection for this user (check pg_hba.conf and DATABASE_URL)',
  '3D000': 'the database named in DATABASE_URL does not exist',
  '57P03': 'the database is starting up or shutting down; try again in a moment',
  '53300': 'the database has no free connections (too many clients)',
};

export function describeStartupError(error: unknown): string {
  if (error === undefined || error === null) return 'a part failed without saying why (no error was given)';
  if (typeof error !== 'object') return String(error);
  const e = error as Detailed;
  if (e.code && postgresCodes[e.code]) return `${postgresCodes[e.code]} (${e.message})`;
  const where = e.address ? `${e.address}${e.port ? `:${e.port}` : ''}` : e.hostname;
  if (e.code === 'ECONNREFUSED')
    return `nothing answers at ${where ?? 'the database address'} (connection refused): is the database running, and is DATABASE_URL right?`;
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN')
    return `the host ${where ?? ''} is not known (${e.code}): check the address in DATABASE_URL or RAPIDPRO_URL`;
  if (e.code === 'CONNECT_TIMEOUT' || e.code === 'ETIMEDOUT')
    return `no answer from ${where ?? 'the database'} in time (${e.code})`;
  if (Array.isArray(e.errors) && e.errors.length > 0 && !e.message) {
    return [...new Set(e.errors.map(describeStartupError))].join('; ');
  }
  const message = e.message || (e.code ? `error ${e.code}` : Object.prototype.toString.call(error));
  return e.cause !== undefined && e.cause !== null ? `${message} (because: ${describeStartupError(e.cause)})` : message;
}
