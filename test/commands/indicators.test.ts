import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

/** Independent figures from SQL: each active contact's latest baseline, and follow-up sums by day. */
async function expected(regionNames: string[] | null) {
  const inRegions = regionNames
    ? demo.sql`and c.region_id in (
        with recursive below as (
          select id from regions where name = any(${regionNames})
          union select r.id from regions r join below b on r.parent_id = b.id
        ) select id from below)`
    : demo.sql``;
  const [baseline] = await demo.sql<{ total: string }[]>`
    select sum(v)::text as total from (
      select distinct on (c.id) a.value_number as v
      from answers a join questions q on q.id = a.question_id join responses r on r.id = a.response_id
      join contacts c on c.id = r.contact_id
      where q.name = 'Boys enrolled' and a.value_number is not null
        and c.status = 'active' and not c.is_deleted and c.region_id is not null ${inRegions}
      order by c.id, a.submitted_on desc) latest`;
  const series = await demo.sql<{ day: string; total: string }[]>`
    select pr.day::text as day, sum(a.value_number)::text as total
    from answers a join questions q on q.id = a.question_id join responses r on r.id = a.response_id
    join poll_runs pr on pr.id = r.poll_run_id join contacts c on c.id = r.contact_id
    where q.name = 'Boys present' and a.value_number is not null
      and c.status = 'active' and not c.is_deleted and c.region_id is not null ${inRegions}
    group by 1 order by 1`;
  return { baseline: Number(baseline!.total), series: series.map((s) => ({ day: s.day, total: Number(s.total) })) };
}

const number = (n: number) => n.toLocaleString('en');

test('indicators sets each date’s follow-up beside the baseline, and per region on the latest date', async () => {
  const text = demo.text(await demo.run('admin', 'indicators "Boys enrolled" "Boys present"'));
  const figures = await expected(null);
  assert.ok(figures.series.length >= 4, 'the demo has four rounds of attendance');
  assert.match(text, /^Boys enrolled → Boys present$/m);
  assert.match(text, new RegExp(`^Baseline: Boys enrolled: ${number(figures.baseline)}, from [\\d,]+ contacts$`, 'm'));
  for (const point of figures.series) {
    const share = Math.round((point.total / figures.baseline) * 100);
    assert.ok(
      text.includes(`${point.day}: ${number(point.total)} (${share}% of the baseline)`),
      `${point.day} in\n${text}`,
    );
  }
  const latest = figures.series.at(-1)!.day;
  assert.match(text, new RegExp(`^By region, on ${latest}$`, 'm'));
  // Central rolls up Kampala (with Kawempe and Nakawa) and Wakiso.
  const central = await expected(['Central']);
  const centralLatest = central.series.find((p) => p.day === latest)!.total;
  assert.match(text, new RegExp(`^Central: ${number(centralLatest)} of ${number(central.baseline)} \\(\\d+%\\)$`, 'm'));
});

test('a supervisor sees only their regions, and a region narrows it further', async () => {
  const kampala = await expected(['Kampala']);
  const text = demo.text(await demo.run('kampala-supervisor', 'indicators "boys enr" "boys pr"'));
  assert.match(text, new RegExp(`Boys enrolled: ${number(kampala.baseline)},`));
  assert.doesNotMatch(text, /Central|Northern|Gulu/);
  assert.match(text, /^Kampala: /m);
  assert.match(text, /^\u2003Kawempe: /m);

  const nakawa = await expected(['Nakawa']);
  const narrowed = demo.text(
    await demo.run('kampala-supervisor', 'indicators "Boys enrolled" "Boys present" Nakawa 40'),
  );
  assert.match(narrowed, /Only Nakawa and the regions below it/);
  assert.match(narrowed, new RegExp(`Boys enrolled: ${number(nakawa.baseline)},`));
  assert.match(narrowed, /over the last 40 days/);
});

test('a period with no follow-up says so; the Arabic reply isolates names and numbers', async () => {
  // The enrolment was asked 29 days ago, so it has no answers in the last 20.
  const none = demo.text(await demo.run('admin', 'indicators "Boys present" "Boys enrolled" 20'));
  assert.match(none, /No answers to Boys enrolled in the last 20 days\./);

  await demo.link('ar-admin', 'admin', [], 'ar');
  const reply = demo.text(await demo.run('ar-admin', 'indicators "Boys enrolled" "Girls present"'));
  assert.match(reply, /خط الأساس: \u2068Boys enrolled\u2069/);
  assert.match(reply, /من خط الأساس/);
});

test('wrong questions are told apart: missing, unknown with a suggestion, ambiguous, not a number', async () => {
  const missing = await demo.run('admin', 'indicators "Boys enrolled"');
  assert.equal(missing.isError, true);
  assert.match(demo.text(missing), /Which questions\?[\s\S]*indicators "<baseline question>"/);
  assert.match(
    demo.text(await demo.run('admin', 'indicators "Boys enroled" "Boys present"')),
    /Did you mean “Boys enrolled”\?/,
  );
  assert.match(
    demo.text(await demo.run('admin', 'indicators Boys "Boys present"')),
    /matches several questions: .*Attendance: Boys present/,
  );
  assert.match(
    demo.text(await demo.run('admin', 'indicators "School open" "Boys present"')),
    /“School open” \(School Status\) does not ask for a number/,
  );
  assert.match(
    demo.text(await demo.run('admin', 'indicators "Boys enrolled" "Boys present" 0')),
    /Give a number of days from 1 to 366/,
  );
});

test('a date on which only Kampala was asked is set against Kampala’s baseline, says so, and so does the chart', async () => {
  const ask = await demo.run('admin', 'start Attendance Kampala');
  const button = ask.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
  await demo.run('admin', button.command, { fromButton: true });
  const { setTimeout: sleep } = await import('node:timers/promises');
  let today: { day: string; total: string } | undefined;
  for (let i = 0; i < 100 && !today; i++) {
    await sleep(100);
    await demo.sync();
    [today] = await demo.sql<{ day: string; total: string }[]>`
      select pr.day::text as day, sum(a.value_number)::text as total
      from answers a join questions q on q.id = a.question_id join responses r on r.id = a.response_id
      join poll_runs pr on pr.id = r.poll_run_id join contacts c on c.id = r.contact_id
      where q.name = 'Boys present' and pr.kind <> 'universal' and c.status = 'active' and not c.is_deleted
      group by 1 having count(*) > 5`;
  }
  assert.ok(today, 'Kampala answered');
  const kampala = await expected(['Kampala']);
  const total = Number(today!.total);
  const share = Math.round((total / kampala.baseline) * 100);
  const text = demo.text(await demo.run('admin', 'indicators "Boys enrolled" "Boys present"'));
  assert.ok(
    text.includes(
      `${today!.day}, Kampala only: ${number(total)} (${share}% of their baseline, ${number(kampala.baseline)})`,
    ),
    text,
  );
  // By region on that date: Kampala and below, against their own baseline; not Central, of which
  // Wakiso was not asked.
  assert.match(text, /^Asked that day: Kampala \(with the regions below\)/m);
  assert.match(text, new RegExp(`^Kampala: ${number(total)} of ${number(kampala.baseline)} \\(${share}%\\)$`, 'm'));
  assert.doesNotMatch(text, /^Central: /m);
  assert.doesNotMatch(text, /^Wakiso: /m);

  // The chart is drawn from the same like-with-like shares, and names the partial date.
  const drawn: { datasets: { label: string; data: { x: string; y: number }[] }[] }[] = [];
  const charts = demo.services.charts;
  demo.services.charts = {
    ...charts,
    render: async (spec) => {
      drawn.push(spec.config.data as never);
      return charts.render(spec);
    },
  };
  try {
    const chart = await demo.run('admin', 'chart indicators "Boys enrolled" "Boys present"');
    assert.match(demo.text(chart), new RegExp(`${today!.day}: Kampala only`));
    const line = drawn[0]!.datasets.find((d) => d.label === 'Boys present')!;
    const point = line.data.find((p) => p.x === today!.day)!;
    assert.equal(Math.round(point.y), share);
  } finally {
    demo.services.charts = charts;
  }
});
