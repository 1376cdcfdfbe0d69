import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

/** Independent figures straight from SQL: a region's subtree, active contacts, latest run of the poll. */
async function expected(regionName: string) {
  const [row] = await demo.sql<{ asked: number; complete: number }[]>`
    with recursive subtree(id) as (
      select id from regions where name = ${regionName}
      union all select r.id from regions r join subtree s on r.parent_id = s.id
    ), latest as (
      select pr.id from poll_runs pr join polls p on p.id = pr.poll_id
      where p.name = 'Attendance' order by pr.day desc, pr.created_at desc limit 1
    )
    select count(*)::int as asked, count(*) filter (where r.status = 'complete')::int as complete
    from responses r join contacts c on c.id = r.contact_id
    where r.poll_run_id = (select id from latest) and c.status = 'active' and not c.is_deleted
      and c.region_id in (select id from subtree)`;
  return row!;
}

function figuresOf(text: string, region: string) {
  const match = new RegExp(`^\\s*${region}: \\d+% complete \\((\\d+) of (\\d+)\\)$`, 'm').exec(text);
  assert.ok(match, `no row for ${region} in:\n${text}`);
  return { complete: Number(match[1]), asked: Number(match[2]) };
}

test('an admin sees participation rolled up a three-level tree', async () => {
  const text = demo.text(await demo.run('admin', 'participation Attendance'));
  assert.match(text, /^Attendance — \d{4}-\d{2}-\d{2}$/m);
  for (const region of ['Central', 'Kampala', 'Kawempe', 'Nakawa', 'Wakiso', 'Northern', 'Gulu']) {
    assert.deepEqual(figuresOf(text, region), await expected(region), region);
  }
  const central = figuresOf(text, 'Central');
  const parts = ['Kampala', 'Wakiso'].map((r) => figuresOf(text, r));
  // Central holds Kampala and Wakiso (and any contact attached to Central itself).
  assert.ok(central.asked >= parts[0]!.asked + parts[1]!.asked);
  assert.ok(central.asked > 0);
  assert.match(text, /By reporter group/);
  assert.match(text, /Head Teachers: \d+%/);
});

test('a supervisor of Kampala sees only Kampala and the regions below it', async () => {
  const text = demo.text(await demo.run('kampala-supervisor', 'participation Attendance'));
  assert.deepEqual(figuresOf(text, 'Kampala'), await expected('Kampala'));
  figuresOf(text, 'Kawempe');
  assert.doesNotMatch(text, /Central|Northern|Gulu|Wakiso/);
  const { asked } = await expected('Kampala');
  assert.match(text, new RegExp(`^Asked: ${asked}$`, 'm'));
});

test('a region outside the scope is not found, and a near miss is suggested', async () => {
  const outside = await demo.run('kampala-supervisor', 'participation Attendance latest Gulu');
  assert.equal(outside.isError, true);
  assert.match(demo.text(outside), /no region called “Gulu” that you can see/);
  const typo = await demo.run('admin', 'participation Atendance');
  assert.match(demo.text(typo), /Did you mean “Attendance”/);
  const missing = await demo.run('admin', 'participation');
  assert.match(demo.text(missing), /Which poll\?[\s\S]*Usage: participation <poll>/);
});

test('a date with no poll run says so; an unknown user is told to ask an admin', async () => {
  const none = await demo.run('admin', 'participation Attendance 2001-01-01');
  assert.match(demo.text(none), /was not conducted on 2001-01-01/);
  const stranger = await demo.run('someone-else', 'polls');
  assert.match(demo.text(stranger), /not linked/);
});

test('polls lists every poll with its latest date and figures, in Arabic too', async () => {
  const text = demo.text(await demo.run('admin', 'polls'));
  for (const name of ['Attendance', 'Feedback', 'School Status']) {
    assert.match(text, new RegExp(`${name} — \\d{4}-\\d{2}-\\d{2}: \\d+% complete \\(\\d+ of \\d+\\)`));
  }
  await demo.link('arabic-admin', 'admin', [], 'ar');
  const arabic = await demo.run('arabic-admin', 'polls');
  assert.equal(arabic.direction, 'rtl');
  assert.match(demo.text(arabic), /الاستطلاعات/);
  assert.match(demo.text(arabic), /\u2068Attendance\u2069/);
});

test('a poll can be named by its number in the last list of polls', async () => {
  const list = demo.text(await demo.run('admin', 'polls'));
  const second = /^2\. (.+?) — /m.exec(list)![1]!;
  const reply = demo.text(await demo.run('admin', 'participation 2'));
  assert.match(reply, new RegExp(`^${second} — \\d{4}-\\d\\d-\\d\\d$`, 'm'));
  // Someone who has not listed the polls gets the usual "not found".
  assert.match(demo.text(await demo.run('kampala-supervisor', 'participation 9')), /no poll called “9”/);
});
