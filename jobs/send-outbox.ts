import type { JobDefinition } from './job.ts';
import { sendOutbound } from '../src/outbox/send-outbound.ts';

/**
 * Sends one outbox row (a poll start or a message) to RapidPro, resuming at its first unsent
 * batch. Not retried by the scheduler: a row left unfinished is the reconciler's, which waits
 * longer between attempts the longer RapidPro is away.
 */
export const sendOutboxJob: JobDefinition<'send-outbox', { messageId: number }> = {
  name: 'send-outbox',
  retries: 0,
  run: async (deps, { messageId }) => ({ [await sendOutbound(deps, messageId)]: 1 }),
};
