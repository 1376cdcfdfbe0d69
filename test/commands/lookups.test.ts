// poll, activity, contact and contacts: read-only views, scoped like everything else.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('poll shows the questions in flow order and the four dates it was conducted', async () => {
  const text = demo.text(await demo.run('admin', 'poll att'));
  assert.match(text, /^1\. Boys present \(number\): Few, Normal, Many, Other$/m);
  assert.match(text, /^2\. Girls present \(number\)/m);
  assert.equal(text.match(/^\d{4}-\d\d-\d\d: everyone asked that day \(\d+\)$/gm)?.length, 4);
});

test('activity ranks regions and reporter groups by completed responses', async () => {
  const text = demo.text(await demo.run('kampala-supervisor', 'activity 30'));
  assert.match(text, /^Most active in the last 30 days$/m);
  const regions = [...text.matchAll(/^(Kampala|Kawempe|Nakawa): (\d+) completed of (\d+)/gm)].map((m) => Number(m[2]));
  assert.ok(regions.length >= 2);
  assert.deepEqual(
    regions,
    [...regions].sort((a, b) => b - a),
    'ranked by completed responses',
  );
  assert.doesNotMatch(text, /Gulu|Northern/);
  assert.match(demo.text(await demo.run('admin', 'activity lots')), /number of days/);
});

test('contact finds by name or phone, offers a choice when several match, and stays in scope', async () => {
  const [someone] = await demo.sql<{ id: number; name: string; urn: string; region: string }[]>`
    select c.id, c.name, c.urns[1] as urn, g.name as region from contacts c join regions g on g.id = c.region_id
    where g.name = 'Kawempe' and c.status = 'active' order by c.id limit 1`;
  const phone = someone!.urn.replace('tel:', '');
  const byPhone = demo.text(await demo.run('kampala-supervisor', `contact ${phone}`));
  assert.match(byPhone, new RegExp(`^${someone!.name} · #\\d+$`, 'm'));
  assert.match(byPhone, /^Regions: Kawempe$/m);
  assert.match(byPhone, /^(Attendance|Feedback|School Status): completed \d+ of \d+ \(last \d{4}-\d\d-\d\d\)$/m);

  const several = await demo.run('admin', 'contact a');
  const choices = several.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
  assert.equal(choices.length, 10);
  assert.match(choices[0]!.command, /^contact #\d+$/);

  const [outside] = await demo.sql<{ urn: string }[]>`
    select c.urns[1] as urn from contacts c join regions g on g.id = c.region_id where g.name = 'Gulu' limit 1`;
  assert.match(
    demo.text(await demo.run('kampala-supervisor', `contact ${outside!.urn.replace('tel:', '')}`)),
    /No contact you can see/,
  );
  assert.match(demo.text(await demo.run('admin', 'contact %')), /No contact you can see matches “%”/);
});

test('contacts lists everyone in scope with their completed polls, paged', async () => {
  const first = await demo.run('kampala-supervisor', 'contacts');
  const text = demo.text(first);
  const lines = text
    .split('\n')
    .filter((l) => /\((Kampala|Kawempe|Nakawa)\): completed \d+ of the \d+ polls they were asked$/.test(l));
  assert.equal(lines.length, 30);
  const more = first.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])).find((b) => b.label === 'More');
  assert.ok(more);
  const [count] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from contacts c join regions g on g.id = c.region_id
    where g.name in ('Kampala', 'Kawempe', 'Nakawa') and c.status = 'active' and not c.is_deleted`;
  let seen = lines.length;
  let next: string | undefined = more.command;
  while (next) {
    const reply = await demo.run('kampala-supervisor', next, { fromButton: true });
    seen += demo
      .text(reply)
      .split('\n')
      .filter((l) => /: completed \d+ of the \d+ polls they were asked$/.test(l)).length;
    next = reply.blocks
      .flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
      .find((b) => b.label === 'More')?.command;
  }
  assert.equal(seen, count!.n);
  assert.match(demo.text(await demo.run('admin', 'contacts Gulu')), /^Contacts of Gulu$/m);
});
