// `chart <poll> [date|latest] [region] [field=value …]`: participation by region, then each
// question as its type asks.
import type { CommandContext } from '../../src/core/command.ts';
import { resolvePollTarget } from '../../src/core/poll-target.ts';
import { buildParticipationChart } from '../../src/charts/build-participation-chart.ts';
import { chartRegions } from '../../src/charts/chart-regions.ts';
import type { ChartSpec } from '../../src/charts/chart-spec.ts';
import { countParticipation } from '../../src/db/queries/count-participation.ts';
import { countCategories, listQuestions } from '../../src/db/queries/load-answers.ts';
import { summariseParticipation } from '../../src/domain/participation.ts';
import { caption, frameFor } from './describe-chart.ts';
import { drawQuestion } from './draw-question.ts';
import type { Drawing } from './drawing.ts';

export async function drawPoll(ctx: CommandContext, args: string[]): Promise<Drawing> {
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
    specs.push(...(await drawQuestion(ctx, target, filter, question, answered, total)));
  }
  return { heading: ctx.t('charts:pollHeading', { poll: target.poll.name, day: target.run.day }), specs, notes };
}
