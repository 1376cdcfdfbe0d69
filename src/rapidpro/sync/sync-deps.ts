import type { Logger } from 'pino';
import type { Db, Sql } from '../../db/client.ts';
import type { RapidProClient } from '../create-client.ts';

/** What every syncer needs, passed explicitly. */
export interface SyncDeps {
  db: Db;
  sql: Sql;
  log: Logger;
  now: () => Date;
  rapidproFor(orgId: number): Promise<RapidProClient>;
}
