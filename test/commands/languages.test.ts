// What a French or Arabic reader sees: their typography where labels meet values, language names
// in their language, and the default reminder in their language before it goes out in each
// contact's own.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { toText } from '../../src/adapters/console/render.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
  await demo.link('fr-admin', 'admin', [], 'fr');
  await demo.link('ar-admin', 'admin', [], 'ar');
});
after(() => demo?.close());

test('a French reply sets a no-break space between label and colon on the console', async () => {
  const reply = await demo.run('fr-admin', 'whoami');
  assert.equal(reply.lng, 'fr');
  const text = toText(reply, { color: false }).text;
  assert.match(text, /Rôle\u00a0: Administrateur/);
  assert.match(text, /Langue\u00a0: français/);
  assert.doesNotMatch(text, /\S:/);
});

test('a contact’s language is named in the reader’s language, not by its RapidPro code', async () => {
  const [contact] = await demo.sql<{ id: number }[]>`
    select c.id from contacts c where c.language = 'fra' and c.region_id is not null and not c.is_deleted limit 1`;
  const arabic = demo.text(await demo.run('ar-admin', `contact #${contact!.id}`));
  assert.match(arabic, /اللغة: \u2068?الفرنسية/);
  assert.doesNotMatch(arabic, /\bfra\b/);
  assert.match(demo.text(await demo.run('admin', `contact #${contact!.id}`)), /^Language: French$/m);
});

test('the default reminder is shown in the asker’s language, and goes out in each contact’s', async () => {
  const french = await demo.run('fr-admin', 'remind Attendance after 2h');
  const preview = demo.text(french);
  assert.match(preview, /^Rappel\u00a0: merci de répondre aux questions de Attendance/m);
  assert.doesNotMatch(preview, /please answer/);
  const button = french.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
  const set = demo.text(await demo.run('fr-admin', button.command, { fromButton: true }));
  assert.match(set, /Rappel\u00a0: merci/);
  const [stored] = await demo.sql<{ text: string; translations: Record<string, string> }[]>`
    select text, translations from schedules where kind = 'remind' order by id desc limit 1`;
  // The base stays the workspace's primary language (English), for contacts without a translation.
  assert.match(stored!.text, /^Reminder: please answer/);
  assert.deepEqual(Object.keys(stored!.translations).sort(), ['ara', 'eng', 'fra']);

  const message = demo.text(await demo.run('ar-admin', 'message Attendance nonrespondents'));
  assert.doesNotMatch(message, /please answer/);
  assert.match(message, /تذكير/);
});
