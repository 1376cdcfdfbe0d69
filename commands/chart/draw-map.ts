// `chart map <poll> [date|latest] [region]`: participation shaded on the regions' boundaries.
import type { CommandContext } from '../../src/core/command.ts';
import { resolvePollTarget } from '../../src/core/poll-target.ts';
import { UserError } from '../../src/core/user-error.ts';
import { buildMapChart } from '../../src/charts/build-map-chart.ts';
import { toPercent } from '../../src/charts/format-figures.ts';
import { isInScope } from '../../src/db/limit-to-scope.ts';
import { countParticipation } from '../../src/db/queries/count-participation.ts';
import { listRegionShapes } from '../../src/db/queries/list-region-shapes.ts';
import { chooseMapRegions } from '../../src/domain/choose-map-regions.ts';
import { completionRate, summariseParticipation } from '../../src/domain/participation.ts';
import { caption, frameFor } from './describe-chart.ts';
import type { Drawing } from './drawing.ts';

export async function drawMap(ctx: CommandContext, args: string[]): Promise<Drawing> {
  const target = await resolvePollTarget(ctx, args);
  const summary = summariseParticipation(
    await countParticipation(ctx.services.sql, target.run.id, target.scope),
    ctx.regions,
  );
  const shapes = new Map((await listRegionShapes(ctx.services.sql, ctx.org.id)).map((s) => [s.regionId, s.geometry]));
  const { drawn, unmatched } = chooseMapRegions(ctx.regions, summary.byRegion, new Set(shapes.keys()), (id) =>
    isInScope(target.scope, id),
  );
  if (drawn.length === 0) throw new UserError('errors.noRegionShapes');
  const areas = drawn.map((id) => {
    const figures = summary.byRegion.get(id)!;
    return {
      name: ctx.regions.byId.get(id)!.name,
      geometry: shapes.get(id)!,
      value: toPercent(completionRate(figures)),
    };
  });
  const frame = frameFor(
    ctx,
    ctx.t('charts:mapTitle', { poll: target.poll.name }),
    caption(ctx, target, summary.total.complete + summary.total.partial),
  );
  // Asked regions with no boundary to be drawn with are named, with the way to link one.
  return {
    heading: ctx.t('charts:pollHeading', { poll: target.poll.name, day: target.run.day }),
    specs: [buildMapChart(frame, areas, ctx.t('charts:completeAxis'))],
    notes:
      unmatched.length > 0
        ? [ctx.t('charts:notOnMap', { regions: unmatched.join(', '), count: unmatched.length })]
        : [],
  };
}
