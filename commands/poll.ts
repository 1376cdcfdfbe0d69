import type { Command } from '../src/core/command.ts';
import { heading, list, note } from '../src/core/reply.ts';
import { resolvePoll } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
import { listQuestions } from '../src/db/queries/load-answers.ts';
import { countedContact } from '../src/db/queries/counted-contact.ts';
import { limitToScope } from '../src/db/limit-to-scope.ts';
import type { PollRunKind } from '../src/db/schema/polls.ts';

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
    const runs = await sql<{ day: string; kind: PollRunKind; region: string | null; asked: number }[]>`
      select pr.day::text as day, pr.kind, g.name as region, count(r.id)::int as asked
      from poll_runs pr left join regions g on g.id = pr.region_id
      join responses r on r.poll_run_id = pr.id join contacts c on c.id = r.contact_id
      where pr.poll_id = ${found.id} and ${countedContact(sql)}
        ${limitToScope(sql, ctx.scope, 'c.region_id')}
      group by pr.id, g.name order by pr.day desc, pr.created_at desc limit ${DATES_SHOWN}`;
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
