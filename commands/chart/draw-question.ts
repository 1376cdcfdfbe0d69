// One question's charts: its answers (pie or bars, or a word cloud for open answers), then how
// they moved over the poll's recent dates (shares of each answer, or the average).
import type { CommandContext } from '../../src/core/command.ts';
import type { PollTarget } from '../../src/core/poll-target.ts';
import { buildCategoryChart } from '../../src/charts/build-category-chart.ts';
import { buildTrendChart } from '../../src/charts/build-trend-chart.ts';
import { buildWordCloud } from '../../src/charts/build-word-cloud.ts';
import type { ChartSpec } from '../../src/charts/chart-spec.ts';
import { toPercent } from '../../src/charts/format-figures.ts';
import { otherColour, palette } from '../../src/charts/palette.ts';
import { countWords, type AnswerFilter, type QuestionRow } from '../../src/db/queries/load-answers.ts';
import { loadCategoryTrend } from '../../src/db/queries/load-category-trend.ts';
import { loadNumberTrend } from '../../src/db/queries/load-number-trend.ts';
import { toCategoryShares } from '../../src/domain/category-shares.ts';
import { categoriseNumber, OTHER } from '../../src/domain/categorise-number.ts';
import { orderCategories, topWords } from '../../src/domain/summarise-answers.ts';
import { caption, dateRange, frameFor, scopeName } from './describe-chart.ts';

/** Words in a cloud: enough to see the themes, few enough to read on a phone. */
const CLOUD_WORDS = 100;
/** Poll runs on a question's trend. */
const TREND_RUNS = 12;

/** The question's pictures, or a note that nobody answered it yet. */
export async function drawQuestion(
  ctx: CommandContext,
  target: PollTarget,
  filter: AnswerFilter,
  question: QuestionRow,
  answered: Map<string, number>,
): Promise<{ specs: ChartSpec[]; notes: string[] }> {
  const total = [...answered.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return { specs: [], notes: [ctx.t('charts:noAnswers', { question: question.name })] };
  return { specs: await drawAnswers(ctx, target, filter, question, answered, total), notes: [] };
}

async function drawAnswers(
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
    const words = topWords(
      await countWords(ctx.services.sql, filter, question.id, CLOUD_WORDS * 3),
      CLOUD_WORDS,
      ctx.lng,
    );
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
            ctx.t('charts:sharesCaption', {
              poll: target.poll.name,
              scope: scopeName(ctx, target),
              count: dates,
              ...dateRange(shares[0]!.points.map((p) => p.day)),
            }),
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
              ...dateRange(points.map((p) => p.day)),
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
