// The embedded PostgreSQL's troubles, told to the operator in words (and logged).
import type { Logger } from 'pino';
import type { EmbeddedEvent } from '../db/start-embedded-postgres.ts';

export function reportDatabase(log: Logger, say: (line: string) => void) {
  return (event: EmbeddedEvent) => {
    if (event.kind === 'died') {
      log.error(event, 'the embedded PostgreSQL stopped');
      say(`The embedded PostgreSQL stopped (${event.signal ?? `exit code ${event.code}`}); starting it again.`);
    } else if (event.kind === 'restarted') {
      log.warn(event, 'the embedded PostgreSQL is running again');
      say('The embedded PostgreSQL is running again.');
    } else {
      log.warn(event, 'the embedded PostgreSQL did not start yet; trying again');
      if (event.attempt % 5 === 0) say(`The embedded PostgreSQL still does not start (${event.error}); trying again.`);
    }
  };
}
