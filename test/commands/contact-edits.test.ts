// Contact management: changes show at once and reach RapidPro in the background; a change
// RapidPro refuses is undone and the editor is told.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, replyText, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('contact add creates the contact here and in RapidPro, in the right groups', async () => {
  const reply = await demo.run(
    'kampala-supervisor',
    'contact add "Rose Nansubuga" "+256 700 999 111" Kawempe "Head Teachers"',
  );
  assert.match(demo.text(reply), /Rose Nansubuga is added to Kawempe/);
  const created = demo.simulator.store.listContacts().find((c) => c.name === 'Rose Nansubuga');
  assert.ok(created, 'RapidPro has the contact');
  assert.deepEqual(created.urns, ['tel:+256700999111']);
  const groupNames = created.groups
    .map((uuid) => demo.simulator.store.groups.find((g) => g.uuid === uuid)!.name)
    .sort();
  assert.deepEqual(groupNames, ['Head Teachers', 'Kawempe']);
  const [row] = await demo.sql<{ uuid: string; region: string }[]>`
    select c.uuid, g.name as region from contacts c join regions g on g.id = c.region_id where c.name = 'Rose Nansubuga'`;
  assert.deepEqual({ ...row }, { uuid: created.uuid, region: 'Kawempe' });
});

test('contact edit moves a contact and sets fields; remove deletes it in RapidPro', async () => {
  const [c] = await demo.sql<{ id: number; uuid: string }[]>`
    select c.id, c.uuid from contacts c join regions g on g.id = c.region_id where g.name = 'Nakawa' and c.status = 'active' order by c.id limit 1`;
  await demo.run('kampala-supervisor', `contact edit #${c!.id} region=Kawempe facility="New School" language=fra`);
  const simulated = demo.simulator.store.contacts.get(c!.uuid)!;
  assert.equal(simulated.language, 'fra');
  assert.equal(simulated.fields.facility, 'New School');
  assert.ok(simulated.groups.includes(demo.simulator.store.groups.find((g) => g.name === 'Kawempe')!.uuid));
  assert.ok(!simulated.groups.includes(demo.simulator.store.groups.find((g) => g.name === 'Nakawa')!.uuid));
  const [mirrored] = await demo.sql<
    { region: string }[]
  >`select g.name as region from contacts c join regions g on g.id = c.region_id where c.id = ${c!.id}`;
  assert.equal(mirrored!.region, 'Kawempe');

  await demo.run('kampala-supervisor', `contact remove #${c!.id} --confirm`, { fromButton: true });
  assert.equal(demo.simulator.store.contacts.get(c!.uuid)!.deleted, true);
  assert.match(demo.text(await demo.run('kampala-supervisor', `contact #${c!.id}`)), /No contact you can see/);
});

test('a change RapidPro refuses is undone and the editor is told why', async () => {
  const [c] = await demo.sql<{ id: number; uuid: string }[]>`
    select c.id, c.uuid from contacts c join regions g on g.id = c.region_id where g.name = 'Kawempe' and c.status = 'active' and not c.is_deleted and c.uuid not like 'local:%' order by c.id limit 1`;
  // RapidPro refuses the change: the contact was deleted there meanwhile (404).
  demo.simulator.store.deleteContact(c!.uuid);
  await demo.run('kampala-supervisor', `contact edit #${c!.id} facility=Elsewhere`);
  const notices = [...demo.notifier.messages.values()].map((m) => replyText(m.versions[0]!));
  assert.ok(
    notices.some((n) => /RapidPro refused the change to .*, so it was undone/.test(n)),
    notices.join('\n'),
  );
  const [edit] = await demo.sql<{ state: string }[]>`select state from contact_edits order by id desc limit 1`;
  assert.equal(edit!.state, 'failed');
});

test('contact changes say what to type when the input is wrong', async () => {
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'contact add "X" 12345 Kawempe')),
    /not a phone number in international form/,
  );
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'contact add "X" +256700000001 Gulu')),
    /no region called “Gulu” that you can see/,
  );
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'contact edit Amani region=Kawempe')),
    /Several contacts match “Amani”, for example .*#\d+.*Type the #id of the one you mean \(contact Amani lists them all\)/,
  );
  const [any] = await demo.sql<
    { id: number }[]
  >`select id from contacts where not is_deleted and region_id is not null order by id limit 1`;
  assert.match(demo.text(await demo.run('admin', `contact edit #${any!.id} colour=blue`)), /Write: contact edit/);
  assert.match(demo.text(await demo.run('admin', 'contact edit #1 language=english')), /three-letter language code/);
});
