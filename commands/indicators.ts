import type { Command, CommandContext, Scope } from '../src/core/command.ts';
import { fields, heading, list, note, type Block } from '../src/core/reply.ts';
import { namesOf, resolveIndicator } from '../src/core/indicator-target.ts';
import { depthOf, withDescendants } from '../src/domain/region-tree.ts';
import type { RegionIndicator } from '../src/domain/summarise-indicator.ts';
import { isInScope } from '../src/db/limit-to-scope.ts';

/** Regions shown below the top of the scope: enough to compare, short enough for a phone. */
const REGION_LEVELS = 2;

/**
 * `indicators <baseline question> <follow-up question> [region] [days]` — TracPro's Recent
 * Indicators: a baseline (e.g. enrolment at the start of term) beside a follow-up asked over
 * time (e.g. attendance), as a total per date and per region on the latest date.
 */
export const indicators: Command = {
  name: 'indicators',
  role: 'supervisor',
  holds: 'figures',
  section: 'polls',
  samples: [
    'indicators "Boys enrolled" "Boys present" Kampala',
    'indicators "Boys enrolled" "Boys present" Kampala 30',
  ],
  async run(ctx, args) {
    const {
      baseline: baselineQuestion,
      followUp: followUpQuestion,
      region,
      scope,
      days,
      summary,
    } = await resolveIndicator(ctx, args);
    const t = ctx.t;
    const blocks: Block[] = [
      heading(t('commands:indicators.title', { baseline: baselineQuestion.name, followUp: followUpQuestion.name })),
    ];
    if (region) blocks.push(note(t('commands:indicators.region', { region: region.name })));
    if (summary.baselineContacts === 0)
      blocks.push(note(t('commands:indicators.noBaseline', { question: baselineQuestion.name })));
    else {
      blocks.push(
        fields([
          {
            label: t('commands:indicators.baseline', { question: baselineQuestion.name }),
            value: t('commands:indicators.baselineValue', { value: summary.baseline, count: summary.baselineContacts }),
          },
        ]),
      );
    }
    const latest = summary.series.at(-1);
    if (!latest) {
      blocks.push(note(t('commands:indicators.noFollowUp', { question: followUpQuestion.name, count: days })));
      return { direction: ctx.direction, blocks };
    }
    blocks.push(heading(t('commands:indicators.overTime', { question: followUpQuestion.name, count: days })));
    blocks.push(
      list(
        summary.series.map((point) =>
          point.share === null
            ? t('commands:indicators.point', { day: point.day, value: point.value })
            : point.askedRegions
              ? t('commands:indicators.pointPartial', {
                  day: point.day,
                  regions: namesOf(ctx, point.askedRegions),
                  value: point.value,
                  share: point.share,
                  baseline: point.baseline,
                })
              : t('commands:indicators.pointShare', { day: point.day, value: point.value, share: point.share }),
        ),
      ),
    );
    const shown = regionsToShow(ctx, scope, summary.byRegion);
    if (shown.length > 0) {
      blocks.push(heading(t('commands:indicators.byRegion', { day: latest.day })));
      if (latest.askedRegions)
        blocks.push(note(t('commands:indicators.askedOnly', { regions: namesOf(ctx, latest.askedRegions) })));
      const top = Math.min(...shown.map((id) => depthOf(ctx.regions, id)));
      blocks.push(
        list(
          shown.map((id) => {
            const figures = summary.byRegion.get(id)!;
            const name = ctx.regions.byId.get(id)!.name;
            const indent = '\u2003'.repeat(depthOf(ctx.regions, id) - top);
            return (
              indent +
              (figures.baseline > 0
                ? t('commands:indicators.regionRow', {
                    name,
                    value: figures.latest,
                    baseline: figures.baseline,
                    share: figures.latest / figures.baseline,
                  })
                : t('commands:indicators.regionRowNoBaseline', { name, value: figures.latest }))
            );
          }),
        ),
      );
    }
    return { direction: ctx.direction, blocks };
  },
};

/** Regions in scope with figures, depth-first, down to REGION_LEVELS below the highest. */
function regionsToShow(ctx: CommandContext, scope: Scope, byRegion: Map<number, RegionIndicator>): number[] {
  const roots = (ctx.regions.children.get(null) ?? []).map((r) => r.id);
  const withFigures = withDescendants(ctx.regions, roots).filter((id) => {
    const figures = byRegion.get(id);
    // A region not asked on the latest date (or only partly, below it) is left out: "0 of 1,583",
    // or a province's whole baseline beside one district's answers, would mislead.
    return isInScope(scope, id) && figures?.reported === true;
  });
  if (withFigures.length === 0) return [];
  const top = Math.min(...withFigures.map((id) => depthOf(ctx.regions, id)));
  return withFigures.filter((id) => depthOf(ctx.regions, id) - top < REGION_LEVELS);
}
