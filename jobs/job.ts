import type { ChartRenderer } from '../src/charts/chart-spec.ts';
import type { I18n } from '../src/core/i18n.ts';
import type { Notifier } from '../src/core/notifier.ts';
import type { OutboxDeps } from '../src/outbox/send-outbound.ts';
import type { SyncDeps } from '../src/rapidpro/sync/sync-deps.ts';
import type { Counts } from '../src/rapidpro/sync/sync-window.ts';

export type SyncEntity = 'groups' | 'fields' | 'boundaries' | 'contacts' | 'flows' | 'runs' | 'inbox' | 'watch';

export type JobDeps = SyncDeps &
  OutboxDeps & {
    /** Where background work posts to chat (progress, digests). */
    notifier: Notifier;
    i18n: I18n;
    /** Draws the charts digests carry. */
    charts: ChartRenderer;
  };

interface OrgJobData {
  orgId: number;
}

/**
 * A background job: a name Agenda knows it by, and a thin handler over src/ logic. The registry
 * (jobs/index.ts) makes the names and their data the types the scheduler takes.
 */
export interface JobDefinition<Name extends string = string, Data = OrgJobData> {
  name: Name;
  /** For sync jobs: the org setting that says how often it runs, and its default. */
  schedule?: { entity: SyncEntity; every: string };
  /** For housekeeping that is not per org: how often it runs, once across all processes. */
  every?: string;
  /** Retries after a failure, with growing waits (5 by default); 0 for jobs that recover on their own. */
  retries?: number;
  run(deps: JobDeps, data: Data): Promise<Counts | void>;
}
