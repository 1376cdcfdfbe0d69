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
const buttonsOf = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));

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

test('a poll’s chart is one picture with a button per question; a question’s number draws that question', async () => {
  const reply = await demo.run('admin', 'chart Attendance');
  assert.equal(reply.isError, undefined, demo.text(reply));
  const { n, day } = await respondents('Attendance');
  // On a slow link one picture, not every question's at once: participation by region.
  assert.deepEqual(
    images(reply).map((p) => p.alt),
    [`Participation in Attendance by region. Attendance · ${day} · All regions · ${n.toLocaleString('en')} responses`],
  );
  assert.match(demo.text(reply), /One question's charts: press it below, or type chart Attendance and its number\./);
  const questions = buttonsOf(reply);
  assert.deepEqual(
    questions.map((b) => b.label),
    ['1. Boys present', '2. Girls present'],
  );

  // Its button and the typed number draw the same: the question's distribution and its average over time.
  for (const line of [questions[1]!.command, 'chart Attendance 2']) {
    const question = await demo.run('admin', line);
    const alts = images(question).map((p) => p.alt);
    assert.equal(alts.length, 2, `${line}: ${demo.text(question)}`);
    assert.match(alts[0]!, new RegExp(`^Girls present\\. Attendance · ${day} · All regions · \\d+ responses$`));
    assert.match(
      alts[1]!,
      /^Girls present: the average over time\. Attendance · All regions · \d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d · \d+ dates · latest average [\d.]+ \((Few|Normal|Many)\)$/,
    );
    for (const picture of images(question)) {
      const pixels = await readPng(picture.png);
      assert.equal(pixels.width, 640);
      assert.match(picture.filename, /\.png$/);
    }
  }
  assert.match(
    demo.text(await demo.run('admin', 'chart Attendance 3')),
    /^Attendance has no question 3\. Its questions: 1\. Boys present, 2\. Girls present\.$/,
  );
});

test('a filtered chart says its filters, region and date, on the picture and in its caption', async () => {
  const reply = await demo.run('admin', 'chart Attendance latest Kampala gender=female "group=Head Teachers"');
  assert.equal(reply.isError, undefined, demo.text(reply));
  const { day } = await respondents('Attendance');
  // Participation counts everyone asked, so with filters the first question is drawn instead.
  const [picture] = images(reply);
  assert.match(
    picture!.alt,
    new RegExp(
      `^Boys present\\. Attendance · ${day} · Kampala · gender=female · group=Head Teachers · \\d+ responses?$`,
    ),
  );
  const second = await demo.run('admin', buttonsOf(reply)[1]!.command);
  assert.match(images(second)[0]!.alt, /^Girls present\. .* · Kampala · gender=female · group=Head Teachers · /);
});

test('a supervisor’s chart covers their regions, named; an open question is a word cloud', async () => {
  const reply = await demo.run('kampala-supervisor', 'chart Feedback');
  const { n, day } = await respondents('Feedback', 'Kampala');
  assert.deepEqual(
    images(reply).map((p) => p.alt),
    [`Participation in Feedback by region. Feedback · ${day} · Kampala · ${n} responses`],
  );
  const cloud = images(await demo.run('kampala-supervisor', 'chart Feedback 1'));
  assert.equal(cloud.length, 1);
  assert.match(cloud[0]!.alt, /^Needs\. Feedback · \d{4}-\d\d-\d\d · Kampala · /);
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
  // Participation, then a question's pie and its answers over time.
  assert.equal(images(await demo.run('admin', 'chart "School Status"')).length, 1);
  assert.equal(images(await demo.run('admin', 'chart "School Status" 1')).length, 2);
});
