import type { Command, CommandContext } from '../src/core/command.ts';
import { heading, list, note } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';

const SHOWN = 10;

/**
 * `activity [days]` — TracPro's most active regions and reporter groups: by responses completed
 * in poll runs of the last days (30 by default), with the share of those asked who completed.
 */
export const activity: Command = {
  name: 'activity',
  role: 'supervisor',
  async run(ctx, [daysText]) {
    const days = daysText === undefined ? 30 : Number(daysText);
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UserError('errors.badDays', { max: 3650 }, true);
    const since = new Date(ctx.services.now().getTime() - days * 86_400_000).toISOString().slice(0, 10);
    const [regions, groups] = await Promise.all([rank(ctx, 'regions', 'region_id', since), rank(ctx, 'reporter_groups', 'reporter_group_id', since)]);
    const line = (r: Ranked) => ctx.t('commands:activity.line', { name: r.name, complete: r.complete, asked: r.asked, rate: r.asked ? r.complete / r.asked : 0 });
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:activity.title', { count: days })),
        heading(ctx.t('commands:participation.byRegion')),
        regions.length > 0 ? list(regions.map(line)) : note(ctx.t('commands:activity.none')),
        heading(ctx.t('commands:participation.byReporterGroup')),
        groups.length > 0 ? list(groups.map(line)) : note(ctx.t('commands:activity.none')),
      ],
    };
  },
};

interface Ranked {
  name: string;
  complete: number;
  asked: number;
}

/** Regions are ranked on their own contacts (not rolled up), so a province does not hide its districts. */
function rank(ctx: CommandContext, table: 'regions' | 'reporter_groups', column: 'region_id' | 'reporter_group_id', since: string) {
  const { sql } = ctx.services;
  return sql<Ranked[]>`
    select g.name, count(*) filter (where r.status = 'complete')::int as complete, count(*)::int as asked
    from responses r join poll_runs pr on pr.id = r.poll_run_id join contacts c on c.id = r.contact_id
    join ${sql(table)} g on g.id = c.${sql(column)}
    where pr.org_id = ${ctx.org.id} and pr.day >= ${since} and c.status = 'active' and not c.is_deleted and c.region_id is not null
      ${ctx.scope.all ? sql`` : sql`and c.region_id = any(${ctx.scope.regionIds})`}
    group by g.name order by complete desc, g.name limit ${SHOWN}`;
}
