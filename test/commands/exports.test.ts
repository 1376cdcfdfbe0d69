// TracPro's other two exports: a poll over every date it was conducted, and the contact list;
// both within the user's scope, both opening in Excel with Arabic and accents intact (BOM).
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

async function csvOf(user: string, line: string) {
  const reply = await demo.run(user, line);
  const file = reply.blocks.find((b) => b.type === 'file');
  assert.ok(file && file.type === 'file', demo.text(reply));
  assert.deepEqual([...file.data.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with a byte-order mark');
  return {
    rows: parse(file.data, { columns: true, bom: true }) as Record<string, string>[],
    filename: file.filename,
    text: demo.text(reply),
  };
}

test('export <poll> all: every date the poll was conducted, each response with its poll date', async () => {
  const all = await csvOf('admin', 'export Attendance all');
  assert.equal(all.filename, 'Attendance-all-dates.csv');
  const days = new Set(all.rows.map((r) => r['Poll date']));
  const [expected] = await demo.sql<{ days: string[] }[]>`
    select array_agg(distinct pr.day::text) as days from poll_runs pr join polls p on p.id = pr.poll_id
    join responses r on r.poll_run_id = pr.id join contacts c on c.id = r.contact_id
    where p.name = 'Attendance' and c.status = 'active' and not c.is_deleted and c.region_id is not null`;
  assert.deepEqual([...days].sort(), [...expected!.days].sort());
  assert.ok(days.size > 1, 'more than one date');
  const latest = await csvOf('admin', 'export Attendance');
  assert.ok(all.rows.length > latest.rows.length);
  assert.match(
    all.text,
    new RegExp(
      `^${all.rows.length.toLocaleString('en')} responses of Attendance, every date it was conducted\\.$`,
      'm',
    ),
  );
});

test('export contacts: the contact list in scope, with region, groups, language, status and fields', async () => {
  const mine = await csvOf('kampala-supervisor', 'export contacts');
  const [inScope] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from contacts c join regions g on g.id = c.region_id
    where not c.is_deleted and g.name in ('Kampala', 'Kawempe', 'Nakawa')`;
  assert.equal(mine.rows.length, inScope!.n);
  assert.ok(mine.rows.every((r) => ['Kampala', 'Kawempe', 'Nakawa'].includes(r.Region!)));
  // Phone numbers are values as a spreadsheet reads them (+256…), not text marked with a quote.
  assert.ok(
    mine.rows.every((r) => /^\+\d+$/.test(r.Phone!)),
    mine.rows[0]?.Phone,
  );
  assert.deepEqual(Object.keys(mine.rows[0]!).slice(0, 6), [
    'Contact',
    'Phone',
    'Region',
    'Reporter group',
    'Language',
    'Status',
  ]);
  const one = await csvOf('admin', 'export contacts Nakawa');
  assert.ok(one.rows.length > 0 && one.rows.every((r) => r.Region === 'Nakawa'));
  assert.equal(one.filename, 'contacts-Nakawa.csv');
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'export contacts Gulu')),
    /no region called “Gulu” that you can see/,
  );
});
