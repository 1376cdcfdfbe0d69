import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ChartSpec } from '../../src/charts/chart-spec.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

type Line = { label: string; data: { x: string; y: number }[]; borderColor: string };

/** Runs a command and keeps the specs it drew, still drawing them (a broken spec fails here too). */
async function drawn(user: string, text: string): Promise<{ specs: ChartSpec[]; text: string }> {
  const charts = demo.services.charts;
  const specs: ChartSpec[] = [];
  demo.services.charts = { render: (spec) => (specs.push(spec), charts.render(spec)) };
  try {
    const reply = await demo.run(user, text);
    assert.equal(reply.isError, undefined, demo.text(reply));
    return { specs, text: demo.text(reply) };
  } finally {
    demo.services.charts = charts;
  }
}

/** The share complete per date, counted here from the responses themselves (in percent, one decimal). */
async function ratesByDay(poll: string, regionNames?: string[]) {
  const rows = await demo.sql<{ day: string; rate: number }[]>`
    with recursive tree as (
      select id from regions where ${regionNames ? demo.sql`name = any(${regionNames})` : demo.sql`parent_id is null`}
      union all select g.id from regions g join tree on g.parent_id = tree.id
    )
    select pr.day::text as day, round(1000.0 * count(*) filter (where r.status = 'complete') / count(*)) / 10 as rate
    from responses r join poll_runs pr on pr.id = r.poll_run_id join polls p on p.id = pr.poll_id
      join contacts c on c.id = r.contact_id
    where p.name = ${poll} and c.status = 'active' and not c.is_deleted and c.region_id in (select id from tree)
    group by 1 order by 1`;
  return rows.map((r) => ({ x: r.day, y: Number(r.rate) }));
}

test('chart trend draws the response rate per date on a time scale: the scope, then each region below it', async () => {
  const { specs } = await drawn('admin', 'chart trend "School Status"');
  assert.equal(specs.length, 1);
  const [spec] = specs;
  assert.equal(spec!.config.type, 'line');
  const options = spec!.config.options as Record<string, any>;
  assert.equal(options.scales.x.type, 'time');
  assert.equal(options.scales.y.max, 100);
  const lines = spec!.config.data.datasets as unknown as Line[];
  const [scope, ...regions] = lines;
  assert.equal(scope!.label, 'All regions');
  assert.deepEqual(scope!.data, await ratesByDay('School Status'));
  // An admin's top is the whole tree: the lines below are its roots (or the children of a single root).
  const roots = await demo.sql<{ id: number; name: string }[]>`select id, name from regions where parent_id is null`;
  const children =
    roots.length > 1
      ? roots
      : await demo.sql<{ name: string }[]>`select name from regions where parent_id = ${roots[0]!.id}`;
  assert.ok(regions.length > 0 && regions.length <= 8);
  for (const line of regions.filter((l) => l.label !== 'Other regions')) {
    assert.ok(
      children.some((c) => c.name === line.label),
      `${line.label} is directly below the top`,
    );
    assert.deepEqual(line.data, await ratesByDay('School Status', [line.label]), line.label);
  }
  // The dates labelled are dates of poll runs, the newest among them.
  const days = scope!.data.map((p) => p.x);
  assert.equal((spec!.config.data.labels as string[]).at(-1), days.at(-1));
  for (const label of spec!.config.data.labels as string[]) assert.ok(days.includes(label));
});

test('a supervisor’s trend of a region is that region and the regions below it; in Arabic it reads right to left', async () => {
  const { specs } = await drawn('kampala-supervisor', 'chart trend "School Status" Kampala 30');
  const lines = specs[0]!.config.data.datasets as unknown as Line[];
  assert.equal(lines[0]!.label, 'Kampala');
  assert.deepEqual(lines[0]!.data, await ratesByDay('School Status', ['Kampala']));
  const below = await demo.sql<
    { name: string }[]
  >`select g.name from regions g join regions k on k.id = g.parent_id where k.name = 'Kampala'`;
  for (const line of lines.slice(1))
    assert.ok(
      below.some((r) => r.name === line.label),
      line.label,
    );

  await demo.run('kampala-supervisor', 'lang ar');
  try {
    const { specs: arabic } = await drawn('kampala-supervisor', 'chart trend "School Status"');
    const options = arabic[0]!.config.options as Record<string, any>;
    assert.equal(options.locale, 'ar');
    assert.equal(options.scales.x.reverse, true);
    assert.equal(options.scales.y.position, 'right');
  } finally {
    await demo.run('kampala-supervisor', 'lang en');
  }
});

test('days out of range, and a poll not conducted in the period, are said plainly', async () => {
  const bad = await demo.run('admin', 'chart trend "School Status" 400');
  assert.equal(bad.isError, true);
  assert.match(demo.text(bad), /from 1 to 366/);
  await demo.sql`update poll_runs set day = day - 200`;
  try {
    const { specs, text } = await drawn('admin', 'chart trend "School Status" 30');
    assert.equal(specs.length, 0);
    assert.match(text, /School Status was not conducted in your regions in the last 30 days/);
  } finally {
    await demo.sql`update poll_runs set day = day + 200`;
  }
});

test('a categorical question adds the share of each answer per date, in the pie’s colours, adding up to 100', async () => {
  const { specs } = await drawn('admin', 'chart "School Status" 1');
  const shares = specs.find((s) => /: answers over time\./.test(s.alt));
  assert.ok(shares, specs.map((s) => s.alt).join('\n'));
  const options = shares.config.options as Record<string, any>;
  assert.equal(options.scales.x.type, 'time');
  const lines = shares.config.data.datasets as unknown as Line[];
  // The question's own chart (pie or bars of the latest date) comes just before its trend.
  const pie = specs[specs.indexOf(shares) - 1];
  assert.ok(lines.length > 1);
  const days = lines[0]!.data.map((p) => p.x);
  assert.ok(days.length > 1);
  for (const [i, day] of days.entries()) {
    const total = lines.reduce((sum, line) => sum + line.data[i]!.y, 0);
    assert.ok(Math.abs(total - 100) < 0.5, `${day}: ${total}`);
  }
  // The pie of the latest date gives each answer the colour its line has.
  assert.ok(pie);
  const slices = pie.config.data.labels as string[];
  const colours = (pie.config.data.datasets[0] as unknown as { backgroundColor: string[] }).backgroundColor;
  let matched = 0;
  for (const line of lines) {
    const slice = slices.findIndex((label) => label.startsWith(`${line.label}:`));
    if (slice >= 0) assert.equal(colours[slice], line.borderColor, line.label);
    if (slice >= 0) matched++;
  }
  assert.ok(matched > 1, slices.join(', '));
});
