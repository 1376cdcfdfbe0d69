import type { Command } from '../src/core/command.ts';
import { paragraph } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';

const MAX_DAYS = 3650;

/** `fetch-runs <days>` — fetch the chosen polls' runs of the last N days, with progress in chat. */
export const fetchRuns: Command = {
  name: 'fetch-runs',
  role: 'admin',
  holds: 'figures',
  samples: ['fetch-runs 1'],
  async run(ctx, [daysText]) {
    const days = Number(daysText);
    if (!daysText || !Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
      throw new UserError('errors.badDays', { max: MAX_DAYS }, true);
    }
    await ctx.services.jobs.fetchRuns({
      orgId: ctx.org.id,
      days,
      chat: { platform: ctx.invocation.platform, chatId: ctx.invocation.chatId },
      lng: ctx.lng,
    });
    return { direction: ctx.direction, blocks: [paragraph(ctx.t('commands:fetch-runs.queued', { count: days }))] };
  },
};
