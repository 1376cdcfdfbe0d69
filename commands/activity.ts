import type { Command, CommandContext } from '../src/core/command.ts';
import { heading, list, note } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';
import { ensureFigures } from '../src/db/queries/build-figures.ts';
import { listPollRunsSince } from '../src/db/queries/list-poll-runs-since.ts';
import { rankActivity, type Ranked } from '../src/db/queries/rank-activity.ts';

const SHOWN = 10;

/**
 * `activity [days]` — TracPro's most active regions and reporter groups: by responses completed
 * in poll runs of the last days (30 by default), with the share of those asked who completed.
 */
export const activity: Command = {
  name: 'activity',
  role: 'supervisor',
  holds: 'figures',
  section: 'polls',
  samples: ['activity 30'],
  async run(ctx, [daysText]) {
    const days = daysText === undefined ? 30 : Number(daysText);
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UserError('errors.badDays', { max: 3650 }, true);
    const since = new Date(ctx.services.now().getTime() - days * 86_400_000).toISOString().slice(0, 10);
    const [regions, groups] = await Promise.all([
      rank(ctx, 'regions', 'region_id', since),
      rank(ctx, 'reporter_groups', 'reporter_group_ids', since),
    ]);
    const line = (r: Ranked) =>
      ctx.t('commands:activity.line', {
        name: r.name,
        complete: r.complete,
        asked: r.asked,
        rate: r.asked ? r.complete / r.asked : 0,
      });
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:activity.title', { count: days })),
        heading(ctx.t('commands:participation.byRegion')),
        // Not rolled up (see rank): said plainly, so a district above its province reads right.
        ...(regions.length > 0
          ? [note(ctx.t('commands:activity.ownContacts')), list(regions.map(line))]
          : [note(ctx.t('commands:activity.none'))]),
        heading(ctx.t('commands:participation.byReporterGroup')),
        groups.length > 0 ? list(groups.map(line)) : note(ctx.t('commands:activity.none')),
      ],
    };
  },
};

/** Ranked from the poll runs' figures, built first if stale (see rankActivity). */
async function rank(
  ctx: CommandContext,
  table: 'regions' | 'reporter_groups',
  column: 'region_id' | 'reporter_group_ids',
  since: string,
) {
  const { sql } = ctx.services;
  const runIds = await listPollRunsSince(sql, ctx.org.id, since);
  await ensureFigures(sql, runIds);
  return rankActivity(sql, runIds, table, column, ctx.scope, SHOWN);
}
