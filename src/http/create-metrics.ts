// Prometheus metrics: commands and their latency, RapidPro errors, and — read from the database
// at each scrape, so every process reports the same truth — sync lag and outbox states.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Sql } from '../db/client.ts';

export interface Metrics {
  registry: Registry;
  command(name: string, outcome: 'ok' | 'user_error' | 'error', seconds: number): void;
  rapidproError(endpoint: string, status: number | 'network'): void;
}

/**
 * Gauges read from the database give up after DATABASE_LIMIT_MS: with the database down or
 * frozen, a scrape still answers at once with the process's own figures (and these left empty).
 */
const DATABASE_LIMIT_MS = 1_000;

function readOrNothing<T>(query: PromiseLike<T[]> & { cancel?: () => unknown }): Promise<T[]> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      // The cancel request needs a connection of its own, which a database that is down refuses:
      // expected here, and not to become an unhandled rejection (postgres.js returns that
      // request's promise with patches/postgres+3.4.9.patch; it dropped it before).
      Promise.resolve(query.cancel?.()).catch(() => undefined);
      resolve([]);
    }, DATABASE_LIMIT_MS);
    timer.unref();
    query.then(
      (rows) => (clearTimeout(timer), resolve(rows)),
      () => (clearTimeout(timer), resolve([])),
    );
  });
}

export function createMetrics(sql: Sql): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tracbot_' });
  const commands = new Counter({
    name: 'tracbot_commands_total',
    help: 'Commands handled, by command and outcome.',
    labelNames: ['command', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'tracbot_command_duration_seconds',
    help: 'Time from a command arriving to its reply.',
    labelNames: ['command'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const rapidproErrors = new Counter({
    name: 'tracbot_rapidpro_errors_total',
    help: 'RapidPro requests that failed (before any retry).',
    labelNames: ['endpoint', 'status'],
    registers: [registry],
  });
  new Gauge({
    name: 'tracbot_sync_lag_seconds',
    help: 'Seconds since each org and entity last synced successfully.',
    labelNames: ['org', 'entity'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await readOrNothing(sql<{ org: number; entity: string; lag: number }[]>`
        select org_id as org, entity, extract(epoch from now() - last_success_at)::float8 as lag
        from sync_checkpoints where last_success_at is not null`);
      for (const row of rows) this.set({ org: String(row.org), entity: row.entity }, row.lag);
    },
  });
  new Gauge({
    name: 'tracbot_outbox_messages',
    help: 'Messages to contacts in the outbox, by state.',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await readOrNothing(
        sql<{ state: string; n: number }[]>`select state, count(*)::int as n from outbound_messages group by state`,
      );
      for (const row of rows) this.set({ state: row.state }, row.n);
    },
  });
  return {
    registry,
    command(name, outcome, seconds) {
      commands.inc({ command: name, outcome });
      latency.observe({ command: name }, seconds);
    },
    rapidproError(endpoint, status) {
      rapidproErrors.inc({ endpoint, status: String(status) });
    },
  };
}
