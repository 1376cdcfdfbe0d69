// Failures no command can do anything about, told to the user in words rather than as "something
// went wrong": the database is down or restarting (try again in a moment), or the stored RapidPro
// token cannot be decrypted because SECRET_KEY changed (the operator must act).
import { SecretKeyMismatchError } from './secrets.ts';

/** postgres.js and node-postgres codes for a connection that is gone, refused or not ready. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
]);

/** The translation key that explains `error`, or null when it is not an outage. */
export function classifyOutage(error: unknown): 'errors.databaseUnavailable' | 'errors.secretKeyChanged' | null {
  for (const cause of causes(error)) {
    if (cause instanceof SecretKeyMismatchError) return 'errors.secretKeyChanged';
    const code = (cause as { code?: unknown }).code;
    // SQLSTATE class 08: connection exceptions.
    if (typeof code === 'string' && (unavailableCodes.has(code) || /^08...$/.test(code)))
      return 'errors.databaseUnavailable';
  }
  return null;
}

/** The error, what it wraps (drizzle wraps the driver's error as `cause`) and what it aggregates. */
function* causes(error: unknown, depth = 0): Generator<object> {
  if (!error || typeof error !== 'object' || depth > 5) return;
  yield error;
  yield* causes((error as { cause?: unknown }).cause, depth + 1);
  for (const inner of Array.isArray((error as { errors?: unknown }).errors)
    ? (error as { errors: unknown[] }).errors
    : [])
    yield* causes(inner, depth + 1);
}
