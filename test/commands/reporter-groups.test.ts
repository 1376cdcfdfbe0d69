// A contact in two reporter groups counts in both (as in TracPro): participation by group, the
// results of one group and activity by group count each membership; totals count it once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
let doubled: string[] = [];

/** Teachers of the latest Attendance run who answered, made Head Teachers too in RapidPro. */
before(async () => {
  demo = await createDemoOrg();
  const picked = await demo.sql<{ uuid: string }[]>`
    with latest as (
      select pr.id from poll_runs pr join polls p on p.id = pr.poll_id
      where p.name = 'Attendance' order by pr.day desc, pr.created_at desc limit 1
    )
    select c.uuid from contacts c join responses r on r.contact_id = c.id
    join reporter_groups g on g.uuid = any(c.group_uuids) and g.name = 'Teachers'
    where r.poll_run_id = (select id from latest) and c.status = 'active' and not c.is_deleted
      and c.region_id is not null and r.status = 'complete'
    order by c.id limit 5`;
  assert.equal(picked.length, 5);
  doubled = picked.map((r) => r.uuid);
  const store = demo.simulator.store;
  const headTeachers = store.groups.find((g) => g.name === 'Head Teachers')!.uuid;
  for (const uuid of doubled) {
    const contact = store.contacts.get(uuid)!;
    contact.groups = [...contact.groups, headTeachers];
    contact.modifiedOn = new Date();
  }
  await demo.sync();
});
after(() => demo?.close());

/** Independent figures from SQL, by RapidPro group membership (or every counted contact). */
async function expectedParticipation(group: string | null) {
  const [row] = await demo.sql<{ asked: number; complete: number }[]>`
    with latest as (
      select pr.id from poll_runs pr join polls p on p.id = pr.poll_id
      where p.name = 'Attendance' order by pr.day desc, pr.created_at desc limit 1
    )
    select count(*)::int as asked, count(*) filter (where r.status = 'complete')::int as complete
    from responses r join contacts c on c.id = r.contact_id
    where r.poll_run_id = (select id from latest) and c.status = 'active' and not c.is_deleted
      and c.region_id is not null
      ${group ? demo.sql`and (select uuid from reporter_groups where name = ${group}) = any(c.group_uuids)` : demo.sql``}`;
  return row!;
}

function rowOf(text: string, name: string) {
  const match = new RegExp(`^\\s*${name}: \\d+% complete \\((\\d+) of (\\d+)\\)$`, 'm').exec(text);
  assert.ok(match, `no row for ${name} in:\n${text}`);
  return { complete: Number(match[1]), asked: Number(match[2]) };
}

test('the mirror keeps every reporter group of a contact', async () => {
  const rows = await demo.sql<{ names: string[] }[]>`
    select array(select g.name from reporter_groups g where g.id = any(c.reporter_group_ids) order by g.name) as names
    from contacts c where c.uuid = any(${doubled})`;
  assert.equal(rows.length, doubled.length);
  for (const row of rows) assert.deepEqual(row.names, ['Head Teachers', 'Teachers']);
});

test('participation counts a contact in each of its reporter groups and once in the total', async () => {
  const text = demo.text(await demo.run('admin', 'participation Attendance'));
  const heads = rowOf(text, 'Head Teachers');
  const teachers = rowOf(text, 'Teachers');
  assert.deepEqual(heads, await expectedParticipation('Head Teachers'));
  assert.deepEqual(teachers, await expectedParticipation('Teachers'));
  const total = await expectedParticipation(null);
  assert.match(text, new RegExp(`^Asked: ${total.asked}$`, 'm'));
  const none = /^\s*No reporter group: /m.test(text) ? rowOf(text, 'No reporter group') : { asked: 0, complete: 0 };
  // Every doubled contact is counted in both groups, and once in the total.
  assert.equal(heads.asked + teachers.asked + none.asked, total.asked + doubled.length);
});

test('results filtered by a reporter group count every member of it', async () => {
  for (const group of ['Head Teachers', 'Teachers']) {
    const text = demo.text(await demo.run('admin', `results Attendance "group=${group}"`));
    assert.match(text, new RegExp(`^Only: ${group}$`, 'm'));
    const [expected] = await demo.sql<{ n: number }[]>`
      with latest as (
        select pr.id from poll_runs pr join polls p on p.id = pr.poll_id
        where p.name = 'Attendance' order by pr.day desc, pr.created_at desc limit 1
      )
      select count(*)::int as n from answers a join responses r on r.id = a.response_id
      join contacts c on c.id = r.contact_id join questions q on q.id = a.question_id
      where r.poll_run_id = (select id from latest) and q.position = 0
        and c.status = 'active' and not c.is_deleted and c.region_id is not null
        and (select uuid from reporter_groups where name = ${group}) = any(c.group_uuids)`;
    const first = text.split(/\n(?=\S.*\(number\)$)/m)[1] ?? text;
    const counted = [...first.matchAll(/^(?:Few|Normal|Many|Other): (\d+) \(/gm)]
      .slice(0, 4)
      .reduce((sum, m) => sum + Number(m[1]), 0);
    assert.equal(counted, expected!.n, `${group}:\n${text}`);
  }
  const unknown = await demo.run('admin', 'results Attendance group=Nurses');
  assert.equal(unknown.isError, true);
  assert.match(demo.text(unknown), /no reporter group called “Nurses”/);
});

test('activity by reporter group counts every member', async () => {
  const text = demo.text(await demo.run('admin', 'activity 3650'));
  for (const group of ['Head Teachers', 'Teachers']) {
    const [expected] = await demo.sql<{ asked: number; complete: number }[]>`
      select count(*)::int as asked, count(*) filter (where r.status = 'complete')::int as complete
      from responses r join contacts c on c.id = r.contact_id
      where c.status = 'active' and not c.is_deleted and c.region_id is not null
        and (select uuid from reporter_groups where name = ${group}) = any(c.group_uuids)`;
    const match = new RegExp(`^${group}: ([\\d,]+) completed of ([\\d,]+) `, 'm').exec(text);
    assert.ok(match, text);
    assert.deepEqual(
      { complete: Number(match[1]!.replace(/,/g, '')), asked: Number(match[2]!.replace(/,/g, '')) },
      expected,
    );
  }
});
