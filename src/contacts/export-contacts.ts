// `export contacts [region]`: the contacts in scope as CSV, as TracPro's contact list exports them:
// name, phone, region, reporter groups, language, status, then one column per contact field.
import type { CommandContext } from '../core/command.ts';
import { buildCsv } from '../core/build-csv.ts';
import { narrowScope, resolveRegion } from '../core/resolve.ts';
import { note, type Reply } from '../core/reply.ts';
import type { ContactStatus } from '../db/schema/contacts.ts';
import { limitToScope } from '../db/limit-to-scope.ts';
import { listFieldKeys } from '../db/queries/list-field-keys.ts';
import { reporterGroupNames } from '../db/queries/reporter-group-names.ts';

export async function exportContacts(ctx: CommandContext, words: string[]): Promise<Reply> {
  const region = words.length > 0 ? resolveRegion(ctx, words.join(' ')) : null;
  const scope = narrowScope(ctx, region);
  const { sql } = ctx.services;
  const fieldKeys = await listFieldKeys(sql, ctx.org.id);
  const columns = [
    ctx.t('commands:export.contact'),
    ctx.t('commands:export.phone'),
    ctx.t('commands:export.region'),
    ctx.t('commands:export.group'),
    ctx.t('commands:whoami.language'),
    ctx.t('commands:export.status'),
    ...fieldKeys,
  ];
  let rows = 0;
  const data = await buildCsv(columns, async (write) => {
    const cursor = sql<
      {
        name: string | null;
        urn: string | null;
        region: string;
        group: string | null;
        language: string | null;
        status: ContactStatus;
        fields: Record<string, unknown>;
      }[]
    >`
      select c.name, c.urns[1] as urn, g.name as region, c.language, c.status, c.fields,
             ${reporterGroupNames(sql)} as group
      from contacts c join regions g on g.id = c.region_id
      where c.org_id = ${ctx.org.id} and not c.is_deleted ${limitToScope(sql, scope, 'c.region_id')}
      order by g.name, c.name, c.id`.cursor(500);
    for await (const batch of cursor) {
      for (const row of batch) {
        rows++;
        write([
          row.name ?? '',
          row.urn?.replace(/^[a-z]+:/, '') ?? '',
          row.region,
          row.group ?? '',
          row.language ?? '',
          ctx.t(`commands:contact.status_${row.status}`),
          ...fieldKeys.map((key) => (row.fields[key] == null ? '' : String(row.fields[key]))),
        ]);
      }
    }
  });
  const where = region?.name ?? ctx.t(ctx.scope.all ? 'commands:digest.allRegions' : 'commands:digest.yourRegions');
  return {
    direction: ctx.direction,
    blocks: [
      {
        type: 'file',
        data,
        filename: `contacts-${(region?.name ?? 'all').replace(/[^\p{L}\p{N}]+/gu, '-')}.csv`,
        mimeType: 'text/csv',
      },
      note(ctx.t('commands:export.doneContacts', { count: rows, where })),
    ],
  };
}
