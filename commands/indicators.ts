import type { Command, CommandContext, Scope } from '../src/core/command.ts';
import { fields, heading, list, note, type Block } from '../src/core/reply.ts';
import { resolveQuestion, resolveRegion, type QuestionChoice } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
import { loadIndicator } from '../src/db/queries/load-indicator.ts';
import { localDay } from '../src/domain/local-day.ts';
import { depthOf, withDescendants } from '../src/domain/region-tree.ts';
import { summariseIndicator, type RegionIndicator } from '../src/domain/summarise-indicator.ts';

const DEFAULT_DAYS = 90;
const MAX_DAYS = 366;
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
  async run(ctx, args) {
    const [baselineQuery, followUpQuery, ...rest] = args;
    if (!baselineQuery || !followUpQuery) throw new UserError('errors.missingQuestions', {}, true);
    const baselineQuestion = numeric(await resolveQuestion(ctx, baselineQuery));
    const followUpQuestion = numeric(await resolveQuestion(ctx, followUpQuery));
    const daysWord = rest.length > 0 && /^\d+$/.test(rest.at(-1)!) ? rest.pop()! : null;
    const days = daysWord === null ? DEFAULT_DAYS : Number(daysWord);
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new UserError('errors.badDays', { max: MAX_DAYS });
    const region = rest.length > 0 ? resolveRegion(ctx, rest.join(' ')) : null;
    const scope: Scope = region ? { all: false, regionIds: withDescendants(ctx.regions, [region.id]) } : ctx.scope;
    const since = localDay(new Date(ctx.services.now().getTime() - days * 86_400_000), ctx.org.timezone);

    const rows = await loadIndicator(ctx.services.sql, {
      baselineQuestionId: baselineQuestion.id,
      followUpQuestionId: followUpQuestion.id,
      scope,
      since,
    });
    const summary = summariseIndicator(rows, ctx.regions);
    const t = ctx.t;
    const blocks: Block[] = [heading(t('commands:indicators.title', { baseline: baselineQuestion.name, followUp: followUpQuestion.name }))];
    if (region) blocks.push(note(t('commands:indicators.region', { region: region.name })));
    if (summary.baselineContacts === 0) blocks.push(note(t('commands:indicators.noBaseline', { question: baselineQuestion.name })));
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
            : t('commands:indicators.pointShare', { day: point.day, value: point.value, share: point.share }),
        ),
      ),
    );
    const shown = regionsToShow(ctx, scope, summary.byRegion);
    if (shown.length > 0) {
      blocks.push(heading(t('commands:indicators.byRegion', { day: latest.day })));
      const top = Math.min(...shown.map((id) => depthOf(ctx.regions, id)));
      blocks.push(
        list(
          shown.map((id) => {
            const figures = summary.byRegion.get(id)!;
            const name = ctx.regions.byId.get(id)!.name;
            const indent = '\u2003'.repeat(depthOf(ctx.regions, id) - top);
            return indent + (figures.baseline > 0
              ? t('commands:indicators.regionRow', { name, value: figures.latest, baseline: figures.baseline, share: figures.latest / figures.baseline })
              : t('commands:indicators.regionRowNoBaseline', { name, value: figures.latest }));
          }),
        ),
      );
    }
    return { direction: ctx.direction, blocks };
  },
};

function numeric(question: QuestionChoice): QuestionChoice {
  if (question.type !== 'numeric') throw new UserError('errors.questionNotNumeric', { question: question.name, poll: question.pollName });
  return question;
}

/** Regions in scope with figures, depth-first, down to REGION_LEVELS below the highest. */
function regionsToShow(ctx: CommandContext, scope: Scope, byRegion: Map<number, RegionIndicator>): number[] {
  const inScope = new Set(scope.all ? ctx.regions.byId.keys() : scope.regionIds);
  const roots = (ctx.regions.children.get(null) ?? []).map((r) => r.id);
  const withFigures = withDescendants(ctx.regions, roots).filter((id) => {
    const figures = byRegion.get(id);
    return inScope.has(id) && figures !== undefined && (figures.baseline > 0 || figures.latest > 0);
  });
  if (withFigures.length === 0) return [];
  const top = Math.min(...withFigures.map((id) => depthOf(ctx.regions, id)));
  return withFigures.filter((id) => depthOf(ctx.regions, id) - top < REGION_LEVELS);
}
