import type { JobDefinition } from './job.ts';
import { reconcileOutbox } from '../src/outbox/reconcile-outbox.ts';

/** Carries on every confirmed send left unfinished (crash, outage), once across all processes. */
export const reconcileOutboxJob: JobDefinition<'reconcile-outbox', Record<string, never>> = {
  name: 'reconcile-outbox',
  every: '30 seconds',
  retries: 0,
  run: (deps) => reconcileOutbox(deps),
};
