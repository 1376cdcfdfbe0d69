// The registry of background jobs.
import { fetchRunsJob } from './fetch-runs.ts';
import { forgetDeliveriesJob } from './forget-deliveries.ts';
import { forgetRateLimitsJob } from './forget-rate-limits.ts';
import { forgetDialogsJob } from './forget-dialogs.ts';
import { postDigestJob } from './post-digest.ts';
import { pushContactEditJob } from './push-contact-edit.ts';
import { reconcileOutboxJob } from './reconcile-outbox.ts';
import { runScheduleJob } from './run-schedule.ts';
import { sendOutboxJob } from './send-outbox.ts';
import { syncBoundariesJob } from './sync-boundaries.ts';
import { syncContactsJob } from './sync-contacts.ts';
import { syncFieldsJob } from './sync-fields.ts';
import { syncFlowsJob } from './sync-flows.ts';
import { syncGroupsJob } from './sync-groups.ts';
import { syncInboxJob } from './sync-inbox.ts';
import { syncOrgJob } from './sync-org.ts';
import { syncPollsJob } from './sync-polls.ts';
import { syncRunsJob } from './sync-runs.ts';
import { watchRunsJob } from './watch-runs.ts';

export const jobs = [
  syncGroupsJob,
  syncFieldsJob,
  syncBoundariesJob,
  syncContactsJob,
  syncFlowsJob,
  syncRunsJob,
  syncInboxJob,
  syncOrgJob,
  syncPollsJob,
  sendOutboxJob,
  reconcileOutboxJob,
  fetchRunsJob,
  pushContactEditJob,
  forgetDeliveriesJob,
  forgetRateLimitsJob,
  forgetDialogsJob,
  postDigestJob,
  runScheduleJob,
  watchRunsJob,
] as const;

type RegisteredJob = (typeof jobs)[number];
/** The name of a registered job: a job renamed here fails typecheck wherever it is queued by name. */
export type JobName = RegisteredJob['name'];
/** The data a job runs with, as the scheduler takes it. */
export type JobDataOf<Name extends JobName> = Parameters<Extract<RegisteredJob, { name: Name }>['run']>[1];
