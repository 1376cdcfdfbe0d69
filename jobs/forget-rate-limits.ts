import type { JobDefinition } from './job.ts';

/** A rate limit's row outlives its window by an hour at most: the table holds recent users only. */
export const forgetRateLimitsJob: JobDefinition<'forget-rate-limits', Record<string, never>> = {
  name: 'forget-rate-limits',
  every: '1 hour',
  async run(deps) {
    const gone = await deps.sql`delete from rate_limits where expire < now() - interval '1 hour'`;
    return { forgotten: gone.count };
  },
};
