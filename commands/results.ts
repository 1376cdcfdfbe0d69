import type { Command, CommandContext } from '../src/core/command.ts';
import { fields, heading, list, note, type Block } from '../src/core/reply.ts';
import { resolvePollTarget, type PollTarget } from '../src/core/poll-target.ts';
import {
  aggregateNumbers,
  countCategories,
  countWords,
  listQuestions,
  type AnswerFilter,
  type QuestionRow,
} from '../src/db/queries/load-answers.ts';
import { categoriseNumber } from '../src/domain/categorise-number.ts';
import { orderCategories, topWords } from '../src/domain/summarise-answers.ts';

const TOP_WORDS = 10;

/**
 * `results <poll> [date] [region] [field=value …] [group=<reporter group>]` — per question:
 * categories with counts and shares; numbers with average, minimum, maximum and the average's
 * category; open answers' most frequent words. Filters on contact fields narrow it (e.g.
 * gender=female), and group= to the members of a reporter group.
 */
export const results: Command = {
  name: 'results',
  aliases: ['r'],
  role: 'supervisor',
  holds: 'figures',
  section: 'polls',
  samples: ['results Attendance latest Kampala', 'results Feedback latest Kampala gender=female group=Teachers'],
  async run(ctx, args) {
    const target = await resolvePollTarget(ctx, args);
    const filter = {
      pollRunId: target.run.id,
      scope: target.scope,
      fields: target.fields,
      reporterGroupId: target.reporterGroup?.id,
    };
    const [questions, counts, numbers] = await Promise.all([
      listQuestions(ctx.services.sql, target.poll.id),
      countCategories(ctx.services.sql, filter),
      aggregateNumbers(ctx.services.sql, filter),
    ]);
    const blocks: Block[] = [heading(ctx.t('commands:results.title', { poll: target.poll.name, day: target.run.day }))];
    if (Object.keys(target.fields).length > 0 || target.region || target.reporterGroup)
      blocks.push(note(describeFilter(ctx, target)));
    for (const question of questions) {
      const answered = new Map(counts.filter((c) => c.questionId === question.id).map((c) => [c.category ?? '—', c.n]));
      blocks.push(heading(ctx.t(`commands:results.question_${question.type}`, { name: question.name })));
      blocks.push(
        ...(await describeQuestion(
          ctx,
          question,
          answered,
          filter,
          numbers.find((n) => n.questionId === question.id),
        )),
      );
    }
    if (questions.length === 0) blocks.push(note(ctx.t('commands:results.noQuestions')));
    return { direction: ctx.direction, blocks };
  },
};

async function describeQuestion(
  ctx: CommandContext,
  question: QuestionRow,
  answered: Map<string, number>,
  filter: AnswerFilter,
  summary: Awaited<ReturnType<typeof aggregateNumbers>>[number] | undefined,
): Promise<Block[]> {
  const total = [...answered.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return [note(ctx.t('commands:results.noAnswers'))];
  if (question.type === 'open') {
    // Stop words are dropped after counting, so ask for enough candidates to fill the list.
    const words = topWords(await countWords(ctx.services.sql, filter, question.id, TOP_WORDS * 5), TOP_WORDS, ctx.lng);
    return [
      list(words.map((w) => ctx.t('commands:results.word', { word: w.word, count: w.count }))),
      note(ctx.t('commands:results.answers', { count: total })),
    ];
  }
  const blocks: Block[] = [
    list(
      orderCategories(question.categories, answered).map((c) =>
        ctx.t('commands:results.category', { category: c.category, count: c.count, share: c.share }),
      ),
    ),
  ];
  if (question.type === 'numeric') {
    if (summary) {
      // The average is categorised by the flow's own rules, as TracPro does (4.5 → its category).
      const category = categoriseNumber(summary.average, question.rules);
      blocks.push(
        fields([
          {
            label: ctx.t('commands:results.average'),
            value: ctx.t('commands:results.averageValue', { value: summary.average, category }),
          },
          { label: ctx.t('commands:results.min'), value: ctx.t('common:decimal', { value: summary.min }) },
          { label: ctx.t('commands:results.max'), value: ctx.t('common:decimal', { value: summary.max }) },
          { label: ctx.t('commands:results.sum'), value: ctx.t('common:decimal', { value: summary.sum }) },
        ]),
      );
    }
  }
  return blocks;
}

function describeFilter(ctx: CommandContext, target: PollTarget): string {
  const parts = Object.entries(target.fields).map(([key, value]) => `${key}=${value}`);
  if (target.reporterGroup) parts.unshift(target.reporterGroup.name);
  if (target.region) parts.unshift(target.region.name);
  return ctx.t('commands:results.filtered', { filter: parts.join(', ') });
}
