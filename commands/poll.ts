import type { Command } from '../src/core/command.ts';
import { heading, list, note } from '../src/core/reply.ts';
import { resolvePoll } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
import { listQuestions } from '../src/db/queries/load-answers.ts';
import { listPollDates } from '../src/db/queries/list-poll-dates.ts';

const DATES_SHOWN = 15;

/** `poll <poll>` — its questions in flow order, and the dates it was conducted. */
export const poll: Command = {
  name: 'poll',
  role: 'supervisor',
  holds: 'figures',
  section: 'polls',
  samples: ['poll Attendance'],
  async run(ctx, [query]) {
    if (!query) throw new UserError('errors.missingPoll', {}, true);
    const found = await resolvePoll(ctx, query);
    const { sql } = ctx.services;
    const questions = await listQuestions(sql, found.id);
    const runs = await listPollDates(sql, found.id, ctx.scope, DATES_SHOWN);
    return {
      direction: ctx.direction,
      blocks: [
        heading(found.isArchived ? ctx.t('commands:polls.archivedName', { name: found.name }) : found.name),
        ...(found.isArchived ? [note(ctx.t('commands:poll.archived'))] : []),
        heading(ctx.t('commands:poll.questions')),
        questions.length > 0
          ? list(
              questions.map((q, i) =>
                ctx.t(`commands:poll.question_${q.type}`, {
                  n: i + 1,
                  name: q.name,
                  categories: q.categories.join(', '),
                }),
              ),
            )
          : note(ctx.t('commands:results.noQuestions')),
        heading(ctx.t('commands:poll.dates')),
        runs.length > 0
          ? list(
              runs.map((r) =>
                ctx.t(`commands:poll.date_${r.kind}`, { day: r.day, region: r.region ?? '', count: r.asked }),
              ),
            )
          : note(ctx.t('commands:poll.never')),
      ],
    };
  },
};
