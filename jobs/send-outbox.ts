import type { JobDefinition } from './job.ts';
import { sendOutbound } from '../src/outbox/send-outbound.ts';

/** Sends one outbox row (a poll start or a message) to RapidPro, resuming at its first unsent batch. */
export const sendOutboxJob: JobDefinition<{ messageId: number }> = {
  name: 'send-outbox',
  run: (deps, { messageId }) => sendOutbound(deps, messageId),
};
