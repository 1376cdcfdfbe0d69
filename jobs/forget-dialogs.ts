import type { JobDefinition } from './job.ts';

/**
 * A wizard left half-way is kept for a week (it survives restarts and weekends), then dropped:
 * its buttons then say the dialog has ended.
 */
export const forgetDialogsJob: JobDefinition<'forget-dialogs', Record<string, never>> = {
  name: 'forget-dialogs',
  every: '1 hour',
  async run(deps) {
    const gone = await deps.sql`delete from chat_dialogs where updated_at < now() - interval '7 days'`;
    return { forgotten: gone.count };
  },
};
