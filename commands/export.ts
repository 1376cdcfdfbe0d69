import { stringify } from 'csv-stringify';
import type { Command } from '../src/core/command.ts';
import { note, type Block } from '../src/core/reply.ts';
import { resolvePollTarget } from '../src/core/poll-target.ts';
import { listQuestions } from '../src/db/queries/load-answers.ts';
import { limitToScope } from '../src/db/limit-to-scope.ts';

/**
 * `export <poll> [date] [region]` — a poll run's responses as CSV with TracPro's columns: date,
 * contact, region, group, then one column per question. Rows are streamed from the database
 * into the file, not held as a list.
 */
export const exportCommand: Command = {
  name: 'export',
  aliases: ['csv'],
  role: 'supervisor',
  async run(ctx, args) {
    const target = await resolvePollTarget(ctx, args);
    const { sql } = ctx.services;
    const questions = await listQuestions(sql, target.poll.id);
    const csv = stringify({
      // A byte-order mark: Excel then reads the file as UTF-8, so Arabic and accents show.
      bom: true,
      header: true,
      columns: [
        ctx.t('commands:export.date'),
        ctx.t('commands:export.contact'),
        ctx.t('commands:export.phone'),
        ctx.t('commands:export.region'),
        ctx.t('commands:export.group'),
        ctx.t('commands:export.status'),
        ...questions.map((q) => q.name),
      ],
      // A leading = + - @ would be read as a formula by spreadsheets: those cells are quoted.
      cast: { string: (value) => (/^[=+\-@]/.test(value) ? `'${value}` : value) },
    });
    const chunks: Buffer[] = [];
    csv.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<void>((resolve, reject) => csv.on('end', resolve).on('error', reject));
    const cursor = sql<
      {
        updated: string;
        name: string | null;
        urn: string | null;
        region: string;
        group: string | null;
        status: string;
        answers: Record<string, string | null> | null;
      }[]
    >`
      select to_char(r.updated_on at time zone ${ctx.org.timezone}, 'YYYY-MM-DD HH24:MI') as updated, c.name, c.urns[1] as urn,
             g.name as region,
             (select string_agg(rg.name, ', ' order by rg.name) from reporter_groups rg where rg.id = any(c.reporter_group_ids)) as group, r.status,
             (select json_object_agg(a.question_id, a.value) from answers a where a.response_id = r.id) as answers
      from responses r join contacts c on c.id = r.contact_id join regions g on g.id = c.region_id
      where r.poll_run_id = ${target.run.id} and c.status = 'active' and not c.is_deleted
        ${limitToScope(sql, target.scope, 'c.region_id')}
        ${Object.entries(target.fields).reduce((all, [key, value]) => sql`${all} and lower(c.fields ->> ${key}) = lower(${value})`, sql``)}
        ${target.reporterGroup ? sql`and ${target.reporterGroup.id} = any(c.reporter_group_ids)` : sql``}
      order by g.name, c.name`.cursor(500);
    let rows = 0;
    for await (const batch of cursor) {
      for (const row of batch) {
        rows++;
        csv.write([
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
    csv.end();
    await done;
    const filename = `${target.poll.name.replace(/[^\p{L}\p{N}]+/gu, '-')}-${target.run.day}.csv`;
    const blocks: Block[] = [
      { type: 'file', data: Buffer.concat(chunks), filename, mimeType: 'text/csv' },
      note(ctx.t('commands:export.done', { count: rows, poll: target.poll.name, day: target.run.day })),
    ];
    return { direction: ctx.direction, blocks };
  },
};
