// One way of naming a contact for every command: name (any part, any accents, Arabic letters
// written either way), phone or #id; namesakes told apart; a near miss answered with "did you mean".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
let ids: { lefevre: number; ahmed: number; nakato: [number, number] };

before(async () => {
  demo = await createDemoOrg();
  const rows = await demo.sql<{ id: number }[]>`
    select c.id from contacts c join regions g on g.id = c.region_id
    where c.status = 'active' and not c.is_deleted order by c.id limit 4`;
  const [a, b, c, d] = rows.map((r) => r.id) as [number, number, number, number];
  await demo.sql`update contacts set name = 'Noëlle Quérouil' where id = ${a}`;
  await demo.sql`update contacts set name = 'أسامة الزبيدي' where id = ${b}`;
  await demo.sql`update contacts set name = 'Agnes Tumukunde' where id in (${c}, ${d})`;
  ids = { lefevre: a, ahmed: b, nakato: [c, d] };
});
after(() => demo?.close());

test('a name without its accents, or with its Arabic letters written another way, finds the contact', async () => {
  assert.match(
    demo.text(await demo.run('admin', 'contact Querouil')),
    new RegExp(`^Noëlle Quérouil · #${ids.lefevre}`, 'm'),
  );
  assert.match(demo.text(await demo.run('admin', 'contact noelle querouil')), /^Noëlle Quérouil/m);
  for (const typed of ['اسامه الزبيدي', 'إسامة', 'آسامة', 'أســامة']) {
    assert.match(
      demo.text(await demo.run('admin', `contact ${typed}`)),
      new RegExp(`^أسامة الزبيدي · #${ids.ahmed}`, 'm'),
      typed,
    );
  }
});

test('reply and contact edit find contacts the same way as contact', async () => {
  assert.match(
    demo.text(await demo.run('admin', 'reply Querouil Merci pour vos réponses')),
    /Sending your message to Noëlle Quérouil\./,
  );
  const [sent] = await demo.sql<
    { text: string }[]
  >`select text from outbound_messages where cohort = 'contact' order by id desc limit 1`;
  assert.equal(sent!.text, 'Merci pour vos réponses');
  assert.doesNotMatch(
    demo.text(await demo.run('admin', 'contact edit "Noelle Querouil" language=fra')),
    /No contact|Give the contact/,
  );
  assert.match(demo.text(await demo.run('admin', 'reply اسامه شكرا')), /Sending your message to أسامة الزبيدي\./);
});

test('namesakes are told apart by region, phone and #id, and the #id shown is the one to type', async () => {
  const choices = await demo.run('admin', 'contact Agnes Tumukunde');
  const labels = choices.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.label) : []));
  assert.equal(labels.length, 2);
  assert.notEqual(labels[0], labels[1]);
  for (const [i, id] of ids.nakato.entries())
    assert.match(labels[i]!, new RegExp(`^Agnes Tumukunde \\(.+, #${id}\\)$`));
  const ambiguous = demo.text(await demo.run('admin', 'reply "Agnes Tumukunde" Hello'));
  assert.match(
    ambiguous,
    new RegExp(`Several contacts match “Agnes Tumukunde”, for example .*#${ids.nakato[0]}.*#${ids.nakato[1]}`),
  );
  assert.match(
    demo.text(await demo.run('admin', `reply #${ids.nakato[1]} Hello`)),
    /Sending your message to Agnes Tumukunde\./,
  );
});

test('a near miss is answered with the closest names and their #ids', async () => {
  const answer = demo.text(await demo.run('admin', 'contact Querouill'));
  assert.match(answer, new RegExp(`Did you mean Noëlle Quérouil \\(.+#${ids.lefevre}\\)\\?`));
  assert.match(demo.text(await demo.run('admin', 'reply Tumukunda Hello')), /Did you mean Agnes Tumukunde/);
  assert.match(demo.text(await demo.run('admin', 'contact Zzyzx')), /^No contact you can see matches “Zzyzx”\.$/m);
});

test('a supervisor finds only contacts in their regions, by any of the ways', async () => {
  const [region] = await demo.sql<
    { name: string }[]
  >`select g.name from contacts c join regions g on g.id = c.region_id where c.id = ${ids.lefevre}`;
  const outside =
    region!.name !== 'Kampala' &&
    !(
      await demo.sql`select 1 from regions r join regions p on p.id = r.parent_id where r.name = ${region!.name} and p.name = 'Kampala'`
    ).length;
  const answer = demo.text(await demo.run('kampala-supervisor', 'contact Querouil'));
  if (outside) assert.match(answer, /^No contact you can see matches “Querouil”\.$/m);
  else assert.match(answer, /^Noëlle Quérouil/m);
});
