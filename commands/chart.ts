import type { Command, CommandContext } from '../src/core/command.ts';
import { heading, note, type Block, type Reply } from '../src/core/reply.ts';
import { resolveIndicator } from '../src/core/indicator-target.ts';
import { resolvePollTarget, type PollTarget } from '../src/core/poll-target.ts';
import { UserError } from '../src/core/user-error.ts';
import { chartRegions } from '../src/charts/chart-regions.ts';
import { buildCategoryChart } from '../src/charts/build-category-chart.ts';
import { buildMapChart } from '../src/charts/build-map-chart.ts';
import { buildParticipationChart } from '../src/charts/build-participation-chart.ts';
import { buildTrendChart } from '../src/charts/build-trend-chart.ts';
import { buildWordCloud } from '../src/charts/build-word-cloud.ts';
import { ChartUnavailableError, type ChartFrame, type ChartSpec } from '../src/charts/chart-spec.ts';
import { toPercent } from '../src/charts/format-figures.ts';
import { countParticipation } from '../src/db/queries/count-participation.ts';
import {
  countCategories,
  countWords,
  listQuestions,
  type AnswerFilter,
  type QuestionRow,
} from '../src/db/queries/load-answers.ts';
import { listRegionShapes } from '../src/db/queries/list-region-shapes.ts';
import { loadCategoryTrend } from '../src/db/queries/load-category-trend.ts';
import { loadNumberTrend } from '../src/db/queries/load-number-trend.ts';
import { loadParticipationTrend } from '../src/db/queries/load-participation-trend.ts';
import { toCategoryShares } from '../src/domain/category-shares.ts';
import { OTHER } from '../src/domain/categorise-number.ts';
import { localDay } from '../src/domain/local-day.ts';
import { toRateLines } from '../src/domain/rate-lines.ts';
import { resolvePoll, resolveRegion } from '../src/core/resolve.ts';
import type { Scope } from '../src/core/command.ts';
import { otherColour, palette } from '../src/charts/palette.ts';
import { categoriseNumber } from '../src/domain/categorise-number.ts';
import { completionRate, summariseParticipation } from '../src/domain/participation.ts';
import { withDescendants } from '../src/domain/region-tree.ts';
import { orderCategories, topWords } from '../src/domain/summarise-answers.ts';
import { isInScope } from '../src/db/limit-to-scope.ts';
import { chooseMapRegions } from '../src/domain/choose-map-regions.ts';

/** Words in a cloud: enough to see the themes, few enough to read on a phone. */
const CLOUD_WORDS = 100;
/** Poll runs on a question's trend. */
const TREND_RUNS = 12;
/** `chart trend`: how far back by default, and at most. */
const TREND_DAYS = 90;
const MAX_TREND_DAYS = 366;

/**
 * `chart <poll> [date|latest] [region] [field=value …]` — TracPro's automatic charts as pictures:
 * participation by region, then each question as its type asks (pie or bars and the shares over
 * time, word cloud, distribution and average over time). `chart map <poll> …` shades participation
 * on the regions' boundaries; `chart trend <poll> [region] [days]` draws the response rate per
 * date for the region and the regions below it; `chart indicators <baseline> <follow-up> [region]
 * [days]` draws Recent Indicators.
 */
export const chart: Command = {
  name: 'chart',
  aliases: ['charts'],
  role: 'supervisor',
  holds: 'figures',
  section: 'polls',
  samples: ['chart Attendance latest Kampala'],
  async run(ctx, args) {
    const [first, ...rest] = args;
    const kind = first?.toLowerCase();
    const specs =
      kind === 'map'
        ? await mapSpecs(ctx, rest)
        : kind === 'indicators'
          ? await indicatorSpecs(ctx, rest)
          : kind === 'trend' && rest.length > 0
            ? await rateSpecs(ctx, rest)
            : await pollSpecs(ctx, args);
    return draw(ctx, specs);
  },
};

interface Drawing {
  heading: string;
  specs: ChartSpec[];
  notes: string[];
}

async function draw(ctx: CommandContext, drawing: Drawing): Promise<Reply> {
  const blocks: Block[] = [heading(drawing.heading)];
  for (const spec of drawing.specs) {
    try {
      blocks.push({
        type: 'image',
        png: await ctx.services.charts.render(spec),
        alt: spec.alt,
        filename: spec.filename,
      });
    } catch (error) {
      // A chart server that is down, silent or refusing is said as such (by dispatch); anything
      // else: the user is told in their language what to use instead, and the cause is logged.
      if (error instanceof ChartUnavailableError) throw error;
      ctx.services.log.error({ err: error, chart: spec.filename }, 'chart not drawn');
      throw new UserError('errors.chartFailed');
    }
  }
  blocks.push(...drawing.notes.map((text) => note(text)));
  return { direction: ctx.direction, blocks };
}

function frameFor(ctx: CommandContext, title: string, caption: string): ChartFrame {
  return { title, caption, locale: ctx.lng, direction: ctx.direction };
}

function scopeName(ctx: CommandContext, target: { region: { name: string } | null }): string {
  if (target.region) return target.region.name;
  return ctx.t(ctx.scope.all ? 'charts:allRegions' : 'charts:yourRegions');
}

function caption(ctx: CommandContext, target: PollTarget, count: number): string {
  return ctx.t('charts:caption', { poll: target.poll.name, day: target.run.day, scope: scopeName(ctx, target), count });
}

async function pollSpecs(ctx: CommandContext, args: string[]): Promise<Drawing> {
  const target = await resolvePollTarget(ctx, args);
  const { sql } = ctx.services;
  const filter = {
    pollRunId: target.run.id,
    scope: target.scope,
    fields: target.fields,
    reporterGroupId: target.reporterGroup?.id,
  };
  const [questions, counts, participation] = await Promise.all([
    listQuestions(sql, target.poll.id),
    countCategories(sql, filter),
    countParticipation(sql, target.run.id, target.scope),
  ]);
  const summary = summariseParticipation(participation, ctx.regions);
  const specs: ChartSpec[] = [];
  const notes: string[] = [];
  const regions = chartRegions(ctx.regions, target.scope, summary.byRegion);
  if (regions.length > 0 && Object.keys(target.fields).length === 0 && !target.reporterGroup) {
    specs.push(
      buildParticipationChart(
        frameFor(
          ctx,
          ctx.t('charts:participationTitle', { poll: target.poll.name }),
          caption(ctx, target, summary.total.complete + summary.total.partial),
        ),
        regions,
        ctx.t('charts:completeAxis'),
      ),
    );
  }
  for (const question of questions) {
    const answered = new Map(counts.filter((c) => c.questionId === question.id).map((c) => [c.category ?? '—', c.n]));
    const total = [...answered.values()].reduce((a, b) => a + b, 0);
    if (total === 0) {
      notes.push(ctx.t('charts:noAnswers', { question: question.name }));
      continue;
    }
    specs.push(...(await questionSpecs(ctx, target, filter, question, answered, total)));
  }
  return { heading: ctx.t('charts:pollHeading', { poll: target.poll.name, day: target.run.day }), specs, notes };
}

async function questionSpecs(
  ctx: CommandContext,
  target: PollTarget,
  filter: AnswerFilter,
  question: QuestionRow,
  answered: Map<string, number>,
  total: number,
): Promise<ChartSpec[]> {
  const frame = frameFor(ctx, question.name, caption(ctx, target, total));
  if (question.type === 'open') {
    // Stop words are dropped after counting, so ask for more candidates than the cloud holds.
    const words = topWords(await countWords(ctx.services.sql, filter, question.id, CLOUD_WORDS * 3), CLOUD_WORDS);
    return [buildWordCloud(frame, words)];
  }
  const specs = [
    buildCategoryChart(frame, orderCategories(question.categories, answered), ctx.t('charts:answersAxis')),
  ];
  if (question.type === 'categorical' && Object.keys(target.fields).length === 0 && !target.reporterGroup) {
    const shares = toCategoryShares(
      await loadCategoryTrend(ctx.services.sql, {
        pollId: target.poll.id,
        questionId: question.id,
        scope: target.scope,
        until: target.run.day,
        runs: TREND_RUNS,
      }),
      question.categories,
    );
    const dates = shares[0]?.points.length ?? 0;
    if (dates > 1) {
      specs.push(
        buildTrendChart(
          frameFor(
            ctx,
            ctx.t('charts:sharesTitle', { question: question.name }),
            ctx.t('charts:sharesCaption', { poll: target.poll.name, scope: scopeName(ctx, target), count: dates }),
          ),
          // The colours of the pie: the flow's order, "Other" in grey.
          shares.map((line) => ({
            label: line.category,
            colour: line.category === OTHER ? otherColour : palette[line.index % palette.length]!,
            points: line.points.map((p) => ({ day: p.day, value: toPercent(p.share) })),
          })),
          ctx.t('charts:shareAxis'),
          undefined,
          100,
        ),
      );
    }
  }
  if (question.type === 'numeric' && Object.keys(target.fields).length === 0 && !target.reporterGroup) {
    const points = await loadNumberTrend(ctx.services.sql, {
      pollId: target.poll.id,
      questionId: question.id,
      scope: target.scope,
      until: target.run.day,
      runs: TREND_RUNS,
    });
    if (points.length > 1) {
      const latest = points.at(-1)!;
      specs.push(
        buildTrendChart(
          frameFor(
            ctx,
            ctx.t('charts:averageTitle', { question: question.name }),
            ctx.t('charts:trendCaption', {
              poll: target.poll.name,
              scope: scopeName(ctx, target),
              count: points.length,
              average: latest.average,
              category: categoriseNumber(latest.average, question.rules),
            }),
          ),
          [
            {
              label: ctx.t('charts:average'),
              points: points.map((p) => ({ day: p.day, value: Math.round(p.average * 100) / 100 })),
            },
          ],
          ctx.t('charts:average'),
        ),
      );
    }
  }
  return specs;
}

async function mapSpecs(ctx: CommandContext, args: string[]): Promise<Drawing> {
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

async function indicatorSpecs(ctx: CommandContext, args: string[]): Promise<Drawing> {
  const { baseline, followUp, region, summary, days } = await resolveIndicator(ctx, args);
  const title = ctx.t('charts:indicatorTitle', { baseline: baseline.name, followUp: followUp.name });
  if (summary.series.length === 0)
    return {
      heading: title,
      specs: [],
      notes: [ctx.t('commands:indicators.noFollowUp', { question: followUp.name, count: days })],
    };
  const frame = frameFor(
    ctx,
    title,
    ctx.t('charts:indicatorCaption', {
      scope: scopeName(ctx, { region }),
      count: summary.series.length,
      contacts: summary.baselineContacts,
    }),
  );
  const reference = summary.baselineContacts > 0 ? { label: baseline.name, value: summary.baseline } : undefined;
  return {
    heading: title,
    specs: [
      buildTrendChart(frame, [{ label: followUp.name, points: summary.series }], ctx.t('charts:total'), reference),
    ],
    notes: reference ? [] : [ctx.t('commands:indicators.noBaseline', { question: baseline.name })],
  };
}

/** `chart trend <poll> [region] [days]`: the share of the contacts asked who completed, per date. */
async function rateSpecs(ctx: CommandContext, args: string[]): Promise<Drawing> {
  const [pollQuery, ...rest] = args;
  const poll = await resolvePoll(ctx, pollQuery!);
  const daysWord = rest.length > 0 && /^\d+$/.test(rest.at(-1)!) ? rest.pop()! : null;
  const days = daysWord === null ? TREND_DAYS : Number(daysWord);
  if (!Number.isInteger(days) || days < 1 || days > MAX_TREND_DAYS)
    throw new UserError('errors.badDays', { max: MAX_TREND_DAYS });
  const region = rest.length > 0 ? resolveRegion(ctx, rest.join(' ')) : null;
  const scope: Scope = region ? { all: false, regionIds: withDescendants(ctx.regions, [region.id]) } : ctx.scope;
  const since = localDay(new Date(ctx.services.now().getTime() - days * 86_400_000), ctx.org.timezone);
  const counts = await loadParticipationTrend(ctx.services.sql, { pollId: poll.id, scope, since });
  const inScope = scope.all ? [...ctx.regions.byId.keys()] : scope.regionIds;
  const lines = toRateLines(counts, ctx.regions, inScope, region?.id ?? null);
  const title = ctx.t('charts:rateTitle', { poll: poll.name });
  const dates = lines[0]!.points.length;
  if (dates === 0)
    return { heading: title, specs: [], notes: [ctx.t('charts:noRuns', { poll: poll.name, count: days })] };
  const scopeLabel = scopeName(ctx, { region });
  const frame = frameFor(ctx, title, ctx.t('charts:rateCaption', { scope: scopeLabel, count: dates, days }));
  let next = 0;
  const drawn = lines.map((line) => ({
    // The scope's own line is black, the regions take the palette's other colours, "others" grey.
    label:
      line.key === 'scope'
        ? scopeLabel
        : line.key === 'others'
          ? ctx.t('charts:otherRegions')
          : ctx.regions.byId.get(line.key)!.name,
    colour: line.key === 'scope' ? palette[palette.length - 1] : line.key === 'others' ? otherColour : palette[next++],
    points: line.points.map((p) => ({ day: p.day, value: toPercent(completionRate(p.participation)) })),
  }));
  return {
    heading: title,
    specs: [buildTrendChart(frame, drawn, ctx.t('charts:completeAxis'), undefined, 100)],
    notes: [],
  };
}
