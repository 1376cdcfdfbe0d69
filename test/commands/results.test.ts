import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { categoriseNumber } from '../../src/domain/categorise-number.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

/** Independent figures from SQL for a question of the latest poll run of a poll. */
async function expected(poll: string, key: string, gender?: string) {
  return demo.sql<{ category: string; n: number; avg: string | null }[]>`
    with latest as (
      select pr.id from poll_runs pr join polls p on p.id = pr.poll_id
      where p.name = ${poll} order by pr.day desc, pr.created_at desc limit 1
    )
    select a.category, count(*)::int as n, avg(a.value_number)::text as avg
    from answers a join questions q on q.id = a.question_id join responses r on r.id = a.response_id
    join contacts c on c.id = r.contact_id
    where r.poll_run_id = (select id from latest) and q.result_key = ${key}
      and c.status = 'active' and not c.is_deleted and c.region_id is not null
      ${gender ? demo.sql`and c.fields ->> 'gender' = ${gender}` : demo.sql``}
    group by rollup(a.category)`;
}

test('categorical results list the flow’s categories in order with counts and shares', async () => {
  const text = demo.text(await demo.run('admin', 'results "School Status"'));
  assert.match(text, /^Results of School Status — \d{4}-\d\d-\d\d$/m);
  const rows = await expected('School Status', 'open');
  const total = rows.find((r) => r.category === null)!.n;
  const lines = text.split('\n');
  const start = lines.indexOf('School open');
  const categories = lines.slice(start + 1, start + 4);
  assert.deepEqual(
    categories.map((l) => l.split(':')[0]),
    ['Yes', 'No', 'Other'],
  );
  for (const row of rows.filter((r) => r.category)) {
    const share = Math.round((row.n / total) * 100);
    assert.ok(
      categories.includes(`${row.category}: ${row.n} (${share}%)`),
      `${row.category} in\n${categories.join('\n')}`,
    );
  }
});

test('numeric results give the average, its category by the flow’s rules, minimum and maximum', async () => {
  const text = demo.text(await demo.run('admin', 'results Attendance'));
  const rows = await expected('Attendance', 'boys');
  const average = Number(rows.find((r) => r.category === null)!.avg);
  const category = categoriseNumber(average, [
    { category: 'Few', type: 'lt', value: 10 },
    { category: 'Normal', type: 'between', min: 10, max: 40 },
    { category: 'Many', type: 'gt', value: 40 },
  ]);
  assert.match(text, /^Boys present \(number\)$/m);
  const shown = /^Average: ([\d.]+) \((\w+)\)$/m.exec(text);
  assert.ok(shown, text);
  assert.equal(Number(shown[1]), Math.round(average * 10) / 10);
  assert.equal(shown[2], category);
  assert.match(text, /^Minimum: [\d.]+$/m);
});

test('open answers show their most frequent words; field filters narrow every figure', async () => {
  const text = demo.text(await demo.run('admin', 'results Feedback'));
  assert.match(text, /^Needs \(open answers\)$/m);
  assert.match(text, /^\S+ ×\d+$/m);
  const female = demo.text(await demo.run('admin', 'results "School Status" gender=female'));
  assert.match(female, /^Only: gender=female$/m);
  const rows = await expected('School Status', 'open', 'female');
  const yes = rows.find((r) => r.category === 'Yes')!.n;
  assert.match(female, new RegExp(`^Yes: ${yes} \\(`, 'm'));
});

test('a supervisor’s results cover their regions only', async () => {
  const text = demo.text(await demo.run('kampala-supervisor', 'results "School Status" gender=male'));
  const mine = Number(/^Yes: (\d+)/m.exec(text)![1]);
  const all = Number(
    /^Yes: (\d+)/m.exec(demo.text(await demo.run('admin', 'results "School Status" gender=male')))![1],
  );
  assert.ok(mine > 0 && mine < all, `${mine} of ${all}`);
});
