import type { Command, CommandContext } from '../src/core/command.ts';
import { buttons, fields, heading, list, note, type Block } from '../src/core/reply.ts';
import { refuseFilters, resolvePollTarget } from '../src/core/poll-target.ts';
import { countParticipation } from '../src/db/queries/count-participation.ts';
import { countQueued } from '../src/db/queries/count-queued.ts';
import { nameAllReporterGroups } from '../src/db/queries/list-reporter-groups.ts';
import { completionRate, summariseParticipation, type Participation } from '../src/domain/participation.ts';
import { depthOf, withDescendants } from '../src/domain/region-tree.ts';
import { isInScope } from '../src/db/limit-to-scope.ts';

/**
 * `participation <poll> [date|latest] [region]` — of the active contacts asked in a poll run,
 * how many answered: in total, by region (rolled up the tree) and by reporter group.
 */
export const participation: Command = {
  name: 'participation',
  aliases: ['p'],
  role: 'supervisor',
  holds: 'figures',
  section: 'polls',
  samples: ['participation Attendance latest Kampala'],
  async run(ctx, args) {
    const target = await resolvePollTarget(ctx, args);
    // Figures per region and group are over everyone asked; a field filter would change them silently.
    refuseFilters(target, 'participation');
    const { poll, run, region, scope } = target;
    const summary = summariseParticipation(await countParticipation(ctx.services.sql, run.id, scope), ctx.regions);
    // Depth-first, so each region is followed by the regions below it.
    const roots = (ctx.regions.children.get(null) ?? []).map((r) => r.id);
    const shownRegions = withDescendants(ctx.regions, roots).filter(
      (id) => isInScope(scope, id) && (summary.byRegion.get(id)?.asked ?? 0) > 0,
    );
    const groupNames = await nameAllReporterGroups(ctx.services.sql, ctx.org.id);

    const blocks: Block[] = [
      heading(ctx.t('commands:participation.title', { poll: poll.name, day: run.day })),
      fields(figures(ctx, summary.total)),
    ];
    if (shownRegions.length > 0) {
      blocks.push(heading(ctx.t('commands:participation.byRegion')));
      // Indent by depth below the highest region shown, so a scoped view starts at the margin.
      const top = Math.min(...shownRegions.map((id) => depthOf(ctx.regions, id)));
      blocks.push(
        list(
          shownRegions.map(
            (id) =>
              '\u2003'.repeat(depthOf(ctx.regions, id) - top) +
              row(ctx, ctx.regions.byId.get(id)!.name, summary.byRegion.get(id)!),
          ),
        ),
      );
    }
    if (summary.byReporterGroup.size > 0) {
      blocks.push(heading(ctx.t('commands:participation.byReporterGroup')));
      blocks.push(
        list(
          [...summary.byReporterGroup]
            .map(([id, p]) => ({
              name: id === null ? ctx.t('commands:participation.noGroup') : (groupNames.get(id) ?? '?'),
              p,
            }))
            .sort((a, b) => a.name.localeCompare(b.name))
            .map(({ name, p }) => row(ctx, name, p)),
        ),
      );
    }
    // A start confirmed a moment ago: its contacts count as asked once RapidPro has taken them.
    const queued = await countQueued(ctx.services.sql, run.id, scope);
    if (queued > 0) blocks.push(note(ctx.t('commands:participation.queued', { count: queued })));
    blocks.push(note(ctx.t(`commands:participation.kind_${run.kind}`)));
    blocks.push(
      buttons({
        label: ctx.t('commands:participation.refresh'),
        command: `participation #${poll.id} ${run.day}${region ? ` #${region.id}` : ''}`,
      }),
    );
    return { direction: ctx.direction, blocks };
  },
};

function figures(ctx: CommandContext, p: Participation) {
  return [
    { label: ctx.t('commands:participation.asked'), value: ctx.t('common:number', { value: p.asked }) },
    {
      label: ctx.t('commands:participation.complete'),
      value: ctx.t('common:numberShare', { value: p.complete, share: completionRate(p) }),
    },
    { label: ctx.t('commands:participation.partial'), value: ctx.t('common:number', { value: p.partial }) },
    { label: ctx.t('commands:participation.empty'), value: ctx.t('common:number', { value: p.empty }) },
  ];
}

function row(ctx: CommandContext, name: string, p: Participation): string {
  return ctx.t('commands:participation.row', { name, rate: completionRate(p), complete: p.complete, asked: p.asked });
}
