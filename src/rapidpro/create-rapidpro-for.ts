// Each org's RapidPro client, per lane: what jobs (background) and commands (interactive) call.
// Reading the org each time picks up a token (or API rates) an admin just changed, in this
// process or another. Both lanes draw on the workspace's one budget (see create-pacer.ts); a
// command's client carries the deadline of the person waiting, so it is made for that call.
import { eq } from 'drizzle-orm';
import type { Db, Sql } from '../db/client.ts';
import { orgs } from '../db/schema/index.ts';
import type { SecretBox } from '../core/secrets.ts';
import { createRapidProClient, type RapidProClient, type RapidProClientOptions } from './create-client.ts';
import { createPacer, ratesOf, type Lane } from './create-pacer.ts';
import { laneLimits } from './lane-limits.ts';

export interface RapidProForDeps {
  db: Db;
  sql: Sql;
  secrets: SecretBox;
  /** The server's rates where they differ from RapidPro's defaults (RAPIDPRO_API_RATES). */
  apiRates?: Record<string, string>;
  onRetry?: RapidProClientOptions['onRetry'];
  /** Stops every request and wait of the clients made here (shutdown). */
  signal?: AbortSignal;
}

export type RapidProFor = (orgId: number, options?: { deadline?: number }) => Promise<RapidProClient>;

export function createRapidProFor(deps: RapidProForDeps): (lane: Lane) => RapidProFor {
  // One client per org and lane: a changed address, token or rate replaces it (the old one, with
  // its connections and pacer, is dropped rather than kept for the life of the process).
  const clients = new Map<string, { made: string; client: RapidProClient }>();
  return (lane) =>
    async (orgId, { deadline } = {}) => {
      const [org] = await deps.db
        .select({ apiUrl: orgs.apiUrl, token: orgs.apiTokenEncrypted, settings: orgs.settings })
        .from(orgs)
        .where(eq(orgs.id, orgId));
      if (!org) throw new Error(`no org ${orgId}`);
      const rates = ratesOf(deps.apiRates, org.settings.rapidproApiRates);
      const create = () =>
        createRapidProClient({
          url: org.apiUrl,
          token: deps.secrets.open(org.token),
          pacer: createPacer({ sql: deps.sql, workspace: `org:${orgId}`, lane, rates }),
          deadline,
          signal: deps.signal,
          ...laneLimits[lane],
          onRetry: deps.onRetry,
        });
      if (deadline !== undefined) return create();
      const made = `${org.apiUrl}|${org.token}|${JSON.stringify(rates)}`;
      const kept = clients.get(`${orgId}|${lane}`);
      if (kept?.made === made) return kept.client;
      const client = create();
      clients.set(`${orgId}|${lane}`, { made, client });
      return client;
    };
}
