// `chart <poll> [date|latest] [region] [field=value …] [<question number>]`: one picture by
// default — participation by region (or, when filters leave no participation to draw, the first
// question answered) — with a button for each question; a question's number draws that question.
// A slow link gets the one picture asked for, not every question's at once.
import type { CommandContext } from '../../src/core/command.ts';
import { quote } from '../../src/core/dialog.ts';
import { resolvePollTarget, type PollTarget } from '../../src/core/poll-target.ts';
import type { Button } from '../../src/core/reply.ts';
import { UserError } from '../../src/core/user-error.ts';
import { buildParticipationChart } from '../../src/charts/build-participation-chart.ts';
import { chartRegions } from '../../src/charts/chart-regions.ts';
import { countParticipation } from '../../src/db/queries/count-participation.ts';
import { countCategories, listQuestions, type QuestionRow } from '../../src/db/queries/load-answers.ts';
import { summariseParticipation } from '../../src/domain/participation.ts';
import { caption, frameFor } from './describe-chart.ts';
import { drawQuestion } from './draw-question.ts';
import type { Drawing } from './drawing.ts';

export async function drawPoll(ctx: CommandContext, args: string[]): Promise<Drawing> {
  // A last word that is a plain number is a question, numbered as `poll` lists them.
  const number = args.length > 1 && /^\d{1,3}$/.test(args.at(-1)!) ? Number(args.at(-1)) : null;
  const target = await resolvePollTarget(ctx, number === null ? args : args.slice(0, -1));
  const { sql } = ctx.services;
  const filter = {
    pollRunId: target.run.id,
    scope: target.scope,
    fields: target.fields,
    reporterGroupId: target.reporterGroup?.id,
  };
  const [questions, counts] = await Promise.all([listQuestions(sql, target.poll.id), countCategories(sql, filter)]);
  const answersTo = (question: QuestionRow) =>
    new Map(counts.filter((c) => c.questionId === question.id).map((c) => [c.category ?? '—', c.n]));
  const heading = ctx.t('charts:pollHeading', { poll: target.poll.name, day: target.run.day });

  if (number !== null) {
    const question = questions[number - 1];
    if (!question)
      throw new UserError('errors.noSuchQuestion', {
        number,
        poll: target.poll.name,
        questions: questions.map((q, i) => `${i + 1}. ${q.name}`).join(', '),
      });
    return { heading, ...(await drawQuestion(ctx, target, filter, question, answersTo(question))) };
  }

  const participation = await drawParticipation(ctx, target);
  const first = questions.find((q) => [...answersTo(q).values()].some((n) => n > 0));
  const drawn = participation ?? (first ? await drawQuestion(ctx, target, filter, first, answersTo(first)) : null);
  return {
    heading,
    specs: drawn?.specs ?? [],
    notes: [
      ...(drawn?.notes ?? []),
      ...(questions.length > 0 ? [ctx.t('charts:pickQuestion', { poll: target.poll.name })] : []),
    ],
    buttons: questions.map((q, i) => ({ label: `${i + 1}. ${q.name}`, command: commandFor(target, i + 1) })),
  };
}

/** Participation by region, when there are regions to compare and no filter (it counts everyone asked). */
async function drawParticipation(ctx: CommandContext, target: PollTarget) {
  if (Object.keys(target.fields).length > 0 || target.reporterGroup) return null;
  const summary = summariseParticipation(
    await countParticipation(ctx.services.sql, target.run.id, target.scope),
    ctx.regions,
  );
  const regions = chartRegions(ctx.regions, target.scope, summary.byRegion);
  if (regions.length === 0) return null;
  const frame = frameFor(
    ctx,
    ctx.t('charts:participationTitle', { poll: target.poll.name }),
    caption(ctx, target, summary.total.complete + summary.total.partial),
  );
  return { specs: [buildParticipationChart(frame, regions, ctx.t('charts:completeAxis'))], notes: [] };
}

/** The command line of a question's button: the same poll run, region and filters, by id. */
function commandFor(target: PollTarget, question: number): Button['command'] {
  const words = [`#${target.poll.id}`, target.run.day];
  if (target.region) words.push(`#${target.region.id}`);
  for (const [field, value] of Object.entries(target.fields)) words.push(quote(`${field}=${value}`));
  if (target.reporterGroup) words.push(quote(`group=${target.reporterGroup.name}`));
  return `chart ${words.join(' ')} ${question}`;
}
