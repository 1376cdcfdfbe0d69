import type { JobDefinition } from './job.ts';

/**
 * Slack retries an event for minutes, Telegram re-sends an update after a restart: a day of
 * delivery ids is ample to drop every repeat, and the table stays small.
 */
export const forgetDeliveriesJob: JobDefinition<'forget-deliveries', Record<string, never>> = {
  name: 'forget-deliveries',
  every: '1 hour',
  async run(deps) {
    const gone = await deps.sql`delete from chat_deliveries where received_at < now() - interval '1 day'`;
    return { forgotten: gone.count };
  },
};
