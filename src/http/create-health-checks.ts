// What /healthz checks beyond "the process answers": the database, the job store in use, every org's
// RapidPro workspace, and whether a sync has been failing for a while. Each check throws (with a
// reason in words) when its part is not well; the server runs them under a time limit.
import type { Sql } from '../db/client.ts';
import type { SecretBox } from '../core/secrets.ts';

/** A sync entity whose last error is newer than its last success, and that long without one, is failing. */
const SYNC_FAILING_AFTER_MS = 10 * 60_000;
/** RapidPro is asked at most this often, however often the health endpoint is read. */
const RAPIDPRO_PROBE_EVERY_MS = 10_000;
const RAPIDPRO_TIMEOUT_MS = 1_200;

export function createHealthChecks(deps: {
  sql: Sql;
  secrets: SecretBox;
  /** Reads the job store in use (PostgreSQL or MongoDB). */
  jobs: () => Promise<void>;
  probeEveryMs?: number;
}): Record<string, () => Promise<unknown>> {
  let probe: { at: number; result: Promise<void> } | null = null;

  async function probeRapidPro(): Promise<void> {
    const orgs = await deps.sql<{ name: string; apiUrl: string; token: string }[]>`
      select name, api_url as "apiUrl", api_token_encrypted as token from orgs order by id`;
    const problems = await Promise.all(
      orgs.map(async (org) => {
        let token: string;
        try {
          token = deps.secrets.open(org.token);
        } catch (error) {
          return `${org.name}: ${(error as Error).message}`;
        }
        try {
          const response = await fetch(`${org.apiUrl.replace(/\/+$/, '')}/api/v2/workspace.json`, {
            headers: { Authorization: `Token ${token}`, Accept: 'application/json' },
            signal: AbortSignal.timeout(RAPIDPRO_TIMEOUT_MS),
          });
          await response.body?.cancel();
          if (response.status === 401 || response.status === 403)
            return `${org.name}: RapidPro refuses the token (HTTP ${response.status})`;
          if (!response.ok) return `${org.name}: RapidPro answers HTTP ${response.status}`;
          return null;
        } catch (error) {
          const reason =
            (error as Error).name === 'TimeoutError'
              ? `no answer in ${RAPIDPRO_TIMEOUT_MS} ms`
              : ((error as { cause?: Error }).cause?.message ?? (error as Error).message);
          return `${org.name}: RapidPro unreachable (${reason})`;
        }
      }),
    );
    const failing = problems.filter(Boolean);
    if (failing.length > 0) throw new Error(failing.join('; '));
  }

  return {
    database: () => deps.sql`select 1`,
    jobs: deps.jobs,
    rapidpro() {
      if (!probe || Date.now() - probe.at > (deps.probeEveryMs ?? RAPIDPRO_PROBE_EVERY_MS)) {
        probe = { at: Date.now(), result: probeRapidPro() };
        probe.result.catch(() => undefined);
      }
      return probe.result;
    },
    async sync() {
      const rows = await deps.sql<{ org: string; entity: string; minutes: number; error: string }[]>`
        select o.name as org, s.entity, floor(extract(epoch from now() - coalesce(s.last_success_at, o.created_at)) / 60)::int as minutes,
               left(s.last_error, 200) as error
        from sync_checkpoints s join orgs o on o.id = s.org_id
        where s.last_error_at is not null
          and s.last_error_at > coalesce(s.last_success_at, '-infinity')
          and coalesce(s.last_success_at, o.created_at) < now() - make_interval(secs => ${SYNC_FAILING_AFTER_MS / 1000})
        order by o.name, s.entity`;
      if (rows.length > 0) {
        throw new Error(
          rows
            .map((row) => `${row.org} ${row.entity}: failing, no success for ${row.minutes} min (${row.error})`)
            .join('; '),
        );
      }
    },
  };
}
