import type { Command } from '../src/core/command.ts';
import { note, type Block } from '../src/core/reply.ts';
import { resolvePollTarget } from '../src/core/poll-target.ts';
import { listQuestions } from '../src/db/queries/load-answers.ts';
import { streamResponses } from '../src/db/queries/stream-responses.ts';
import { buildCsv } from '../src/core/build-csv.ts';
import { exportContacts } from '../src/contacts/export-contacts.ts';

/**
 * `export <poll> [date|all] [region]` — a poll run's responses (or, with `all`, every date's, each
 * with its poll date) as CSV with TracPro's columns: date, contact, region, group, then one column
 * per question. `export contacts [region]` — the contacts in scope. Rows are streamed from the
 * database into the file, not held as a list.
 */
export const exportCommand: Command = {
  name: 'export',
  aliases: ['csv'],
  role: 'supervisor',
  holds: 'contacts',
  section: 'polls',
  samples: [
    'export Attendance latest Kampala',
    'export Attendance all Kampala',
    'export Feedback latest Kampala gender=female group=Teachers',
    'export contacts Kampala',
  ],
  async run(ctx, args) {
    if (args[0]?.toLowerCase() === 'contacts') return exportContacts(ctx, args.slice(1));
    // `all`: every date the poll was conducted (in scope), with each response's poll date.
    const allDates = args.some((arg) => arg.toLowerCase() === 'all');
    const target = await resolvePollTarget(
      ctx,
      args.filter((arg) => arg.toLowerCase() !== 'all'),
    );
    const { sql } = ctx.services;
    const questions = await listQuestions(sql, target.poll.id);
    const columns = [
      ...(allDates ? [ctx.t('commands:export.pollDate')] : []),
      ctx.t('commands:export.date'),
      ctx.t('commands:export.contact'),
      ctx.t('commands:export.phone'),
      ctx.t('commands:export.region'),
      ctx.t('commands:export.group'),
      ctx.t('commands:export.status'),
      ...questions.map((q) => q.name),
    ];
    let rows = 0;
    const data = await buildCsv(columns, async (write) => {
      const cursor = streamResponses(
        sql,
        allDates ? { pollId: target.poll.id } : { pollRunId: target.run.id },
        ctx.org.timezone,
        target.scope,
        { fields: target.fields, reporterGroupId: target.reporterGroup?.id },
        500,
      );
      for await (const batch of cursor) {
        for (const row of batch) {
          rows++;
          write([
            ...(allDates ? [row.day] : []),
            row.updated,
            row.name ?? '',
            row.urn?.replace(/^[a-z]+:/, '') ?? '',
            row.region,
            row.group ?? '',
            ctx.t(`commands:export.status_${row.status}`),
            ...questions.map((q) => row.answers?.[q.id] ?? ''),
          ]);
        }
      }
    });
    const poll = target.poll.name.replace(/[^\p{L}\p{N}]+/gu, '-');
    const blocks: Block[] = [
      { type: 'file', data, filename: `${poll}-${allDates ? 'all-dates' : target.run.day}.csv`, mimeType: 'text/csv' },
      note(
        allDates
          ? ctx.t('commands:export.doneAll', { count: rows, poll: target.poll.name })
          : ctx.t('commands:export.done', { count: rows, poll: target.poll.name, day: target.run.day }),
      ),
    ];
    return { direction: ctx.direction, blocks };
  },
};
