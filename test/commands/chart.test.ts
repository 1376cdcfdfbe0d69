import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Block, Reply } from '../../src/core/reply.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';
import { readPng } from '../helpers/read-png.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

const images = (reply: Reply) => reply.blocks.filter((b): b is Extract<Block, { type: 'image' }> => b.type === 'image');

function regionAndBelow(name: string) {
  return demo.sql`
    with recursive tree as (
      select id from regions where name = ${name}
      union all select g.id from regions g join tree on g.parent_id = tree.id
    ) select id from tree`;
}

/** Respondents (complete or partial) of a poll's latest run, counted independently. */
async function respondents(poll: string, region?: string) {
  const [row] = await demo.sql<{ n: number; day: string }[]>`
    with latest as (
      select pr.id, pr.day from poll_runs pr join polls p on p.id = pr.poll_id
      where p.name = ${poll} order by pr.day desc, pr.created_at desc limit 1
    )
    select count(*)::int as n, (select day::text from latest) as day
    from responses r join contacts c on c.id = r.contact_id
    where r.poll_run_id = (select id from latest) and r.status <> 'empty'
      and c.status = 'active' and not c.is_deleted and c.region_id is not null
      ${region ? demo.sql`and c.region_id in (${regionAndBelow(region)})` : demo.sql``}`;
  return row!;
}

test('a numeric poll charts participation, then each question’s distribution and its average over time', async () => {
  const reply = await demo.run('admin', 'chart Attendance');
  assert.equal(reply.isError, undefined, demo.text(reply));
  const pictures = images(reply);
  const { n, day } = await respondents('Attendance');
  const alts = pictures.map((p) => p.alt);
  assert.equal(alts.length, 5, alts.join('\n'));
  assert.equal(
    alts[0],
    `Participation in Attendance by region. Attendance · ${day} · All regions · ${n.toLocaleString('en')} responses`,
  );
  assert.match(alts[1]!, /^Boys present\. Attendance · /);
  assert.match(
    alts[2]!,
    /^Boys present: the average over time\. Attendance · All regions · \d+ dates · latest average [\d.]+ \((Few|Normal|Many)\)$/,
  );
  assert.match(alts[3]!, /^Girls present\. /);
  assert.match(alts[4]!, /^Girls present: the average over time\. /);
  for (const picture of pictures) {
    const pixels = await readPng(picture.png);
    assert.equal(pixels.width, 800);
    assert.match(picture.filename, /\.png$/);
  }
});

test('a supervisor’s chart covers their regions only; an open question is a word cloud', async () => {
  const reply = await demo.run('kampala-supervisor', 'chart Feedback');
  const [participation, cloud] = images(reply);
  const { n, day } = await respondents('Feedback', 'Kampala');
  assert.equal(
    participation!.alt,
    `Participation in Feedback by region. Feedback · ${day} · Your regions · ${n} responses`,
  );
  assert.match(cloud!.alt, /^Needs\. Feedback · /);
  assert.equal(images(reply).length, 2);
});

test('a map shades the regions that have a boundary shape; indicators draw a line against the baseline', async () => {
  const map = await demo.run('admin', 'chart map "School Status"');
  assert.equal(map.isError, undefined, demo.text(map));
  assert.match(images(map)[0]!.alt, /^Participation in School Status on the map\. /);

  const indicators = await demo.run('admin', 'chart indicators "Boys enrolled" "Boys present" Kampala');
  assert.equal(indicators.isError, undefined, demo.text(indicators));
  assert.match(
    images(indicators)[0]!.alt,
    /^Boys present against Boys enrolled\. Kampala · \d+ dates? · baseline of \d+ contacts$/,
  );
});

test('without shapes a map says why; a renderer that fails gives a translated error, and the bot goes on', async () => {
  await demo.sql`update boundaries set geometry = null`;
  try {
    const reply = await demo.run('admin', 'chart map "School Status"');
    assert.equal(reply.isError, true);
    assert.match(demo.text(reply), /No region in your scope has a shape to draw yet/);
  } finally {
    await demo.sync();
  }
  const charts = demo.services.charts;
  demo.services.charts = { render: () => Promise.reject(new Error('connection refused')) };
  try {
    const reply = await demo.run('admin', 'chart Attendance');
    assert.equal(reply.isError, true);
    assert.match(demo.text(reply), /could not be drawn just now; try again in a minute, or use results/);
  } finally {
    demo.services.charts = charts;
  }
  // Participation, then each of the two questions' pie and its answers over time.
  assert.equal(images(await demo.run('admin', 'chart "School Status"')).length, 5);
});
