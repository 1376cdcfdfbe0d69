// A setup change re-derives what it can from the mirror and fetches only what it changed:
// regions and reporter groups come from the groups contacts are already known to be in, and a
// newly chosen poll fetches its questions and its own runs, never the whole workspace. The
// figures are right at once. Requests are counted by what the simulator received.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
const requests: URL[] = [];
before(async () => {
  demo = await createDemoOrg({ beforeRequest: (url) => void requests.push(url) });
});
after(() => demo?.close());

const endpoints = () => requests.map((url) => url.pathname.replace('/api/v2/', ''));

/** Each region's participation in the latest Attendance poll run, straight from SQL. */
async function askedByRegion() {
  const rows = await demo.sql<{ name: string; asked: number }[]>`
    with latest as (
      select pr.id from poll_runs pr join polls p on p.id = pr.poll_id
      where p.name = 'Attendance' order by pr.day desc, pr.created_at desc limit 1
    )
    select g.name, count(*)::int as asked
    from responses r join contacts c on c.id = r.contact_id join regions g on g.id = c.region_id
    where r.poll_run_id = (select id from latest) and c.status = 'active' and not c.is_deleted
    group by g.name order by g.name`;
  return Object.fromEntries(rows.map((r) => [r.name, r.asked]));
}

function rowOf(text: string, region: string): number | null {
  const match = new RegExp(`^\\s*${region}: \\d+% complete \\(\\d+ of (\\d+)\\)$`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}

/** The command of a reply's first button (what pressing it runs). */
function firstButton(reply: Awaited<ReturnType<DemoOrg['run']>>): string {
  const row = reply.blocks.find((b) => b.type === 'buttons');
  assert.ok(row && row.type === 'buttons', demo.text(reply));
  return row.buttons[0]!.command;
}

test('choosing regions re-assigns contacts from their mirrored groups, asking RapidPro nothing', async () => {
  const all = await askedByRegion();
  assert.ok(all.Gulu! > 0 && all.Kawempe! > 0);
  requests.length = 0;
  const asked = await demo.run('admin', 'setup regions Central Kampala Kawempe Nakawa Wakiso');
  const question = demo.text(asked);
  assert.match(question, /^Gulu: \d+ contacts counted there leave every figure/m);
  assert.match(question, /^Lira: /m);
  assert.match(question, /^Northern: /m);
  assert.match(question, /The regions would then be: Central, Kampala, Kawempe, Nakawa, Wakiso\./);
  const reply = await demo.run('admin', firstButton(asked));
  assert.equal(reply.isError, undefined, demo.text(reply));
  assert.deepEqual(endpoints(), [], 'the names come from the mirror');

  // Contacts of the regions no longer chosen are outside every region; the others stay put.
  const [outside] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from contacts c join regions g on g.uuid = any(c.group_uuids)
    where g.name in ('Gulu', 'Lira', 'Northern') and c.region_id is not null`;
  assert.equal(outside!.n, 0);
  const some = await askedByRegion();
  assert.deepEqual(
    some,
    Object.fromEntries(Object.entries(all).filter(([name]) => !['Gulu', 'Lira', 'Northern'].includes(name))),
  );

  // The figures follow at once.
  const text = demo.text(await demo.run('admin', 'participation Attendance'));
  assert.equal(rowOf(text, 'Gulu'), null, text);
  assert.equal(rowOf(text, 'Kawempe'), some.Kawempe);
  assert.deepEqual(endpoints(), [], 'reading figures fetches nothing');

  const added = await demo.run('admin', 'setup regions add Northern Gulu Lira');
  assert.match(
    demo.text(added),
    /^Saved\. Regions: Central, Kampala, Kawempe, Nakawa, Wakiso, Northern, Gulu, Lira\.$/m,
  );
  assert.deepEqual(endpoints(), []);
  assert.deepEqual(await askedByRegion(), all);
  const back = demo.text(await demo.run('admin', 'participation Attendance'));
  assert.equal(rowOf(back, 'Gulu'), all.Gulu);
});

test('choosing reporter groups fetches nothing', async () => {
  requests.length = 0;
  await demo.run('admin', firstButton(await demo.run('admin', 'setup reporters Teachers')));
  const [heads] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from contacts c join reporter_groups g on g.id = any(c.reporter_group_ids) where g.name = 'Head Teachers'`;
  assert.equal(heads!.n, 0, 'Head Teachers no longer counts anyone');
  await demo.run('admin', 'setup reporters add "Head Teachers"');
  await demo.run('admin', 'setup parent Wakiso Kampala');
  await demo.run('admin', 'setup parent Wakiso Central');
  assert.deepEqual(endpoints(), []);
  const [counted] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from contacts c join reporter_groups g on g.uuid = any(c.group_uuids) and g.is_active
    where not (g.id = any(c.reporter_group_ids))`;
  assert.equal(counted!.n, 0, 'every contact counts in each reporter group it is in');
});

test('a newly chosen poll fetches its questions and its own runs only', async () => {
  // Feedback as never chosen: its poll, questions, answers and checkpoints gone from the mirror.
  const [feedback] = await demo.sql<{ uuid: string }[]>`delete from polls where name = 'Feedback' returning uuid`;
  await demo.sql`delete from sync_checkpoints where entity = ${`runs:${feedback!.uuid}`}`;
  requests.length = 0;
  const reply = await demo.run('admin', 'setup polls Attendance "School Status" Enrolment Feedback');
  assert.equal(reply.isError, undefined, demo.text(reply));
  const fetched = new Set(endpoints());
  for (const endpoint of fetched)
    assert.ok(
      ['flows.json', 'definitions.json', 'runs.json', 'flow_starts.json'].includes(endpoint),
      `fetched ${endpoint}`,
    );
  const ownRuns = requests.filter(
    (url) => url.pathname.endsWith('runs.json') && url.searchParams.get('flow') === feedback!.uuid,
  );
  assert.ok(ownRuns.length > 0, 'the new poll pulled its own runs');

  // Its answers are there at once, the same as a full sync gives.
  const results = demo.text(await demo.run('admin', 'results Feedback'));
  assert.doesNotMatch(results, /No answers yet/);
  const [mirrored] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from answers a join questions q on q.id = a.question_id join polls p on p.id = q.poll_id where p.name = 'Feedback'`;
  assert.ok(mirrored!.n > 0);
  await demo.sync();
  const [synced] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from answers a join questions q on q.id = a.question_id join polls p on p.id = q.poll_id where p.name = 'Feedback'`;
  assert.equal(mirrored!.n, synced!.n);
});

test('taking a region away names its contacts and the supervisors who lose it, and asks first', async () => {
  const asked = await demo.run('admin', 'setup regions remove Kampala');
  const question = demo.text(asked);
  assert.match(question, /^Take regions away\?$/m);
  assert.match(question, /^Kampala: \d+ contacts counted there leave every figure/m);
  assert.match(question, /^kampala-supervisor no longer sees Kampala and is left with no region$/m);
  assert.doesNotMatch(question, /Saved/);
  const grants = async () =>
    (
      await demo.sql<{ name: string }[]>`
        select g.name from identity_regions ir join regions g on g.id = ir.region_id
        join chat_identities i on i.id = ir.identity_id where i.external_id = 'kampala-supervisor'`
    ).map((row) => row.name);
  assert.deepEqual(await grants(), ['Kampala'], 'asking changed nothing');

  const done = demo.text(await demo.run('admin', firstButton(asked)));
  assert.match(done, /^Saved\. Regions: (?!.*Kampala).*\.$/m);
  assert.match(done, /^Taken away: Kampala\.$/m);
  assert.deepEqual(await grants(), [], 'the supervisor no longer holds a region that is gone');
  await demo.run('admin', 'setup regions add Kampala');
});
