// A button leads to the action it names: "Message them" to a confirmed message with the standard
// reminder, an inbox contact's button to a reply to them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

type Reply = Awaited<ReturnType<DemoOrg['run']>>;
const button = (reply: Reply, label: RegExp) =>
  reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])).find((b) => label.test(b.label));

test('"Message them" under nonrespondents asks to confirm the standard reminder to them, and sends it when confirmed', async () => {
  const list = await demo.run('kampala-supervisor', 'nonrespondents Attendance');
  const total = Number(
    /^(\d[\d,]*) of [\d,]+ asked have not completed it/m.exec(demo.text(list))![1]!.replaceAll(',', ''),
  );
  const confirm = await demo.run('kampala-supervisor', button(list, /^Message them$/)!.command, { fromButton: true });
  const text = demo.text(confirm);
  assert.equal(confirm.isError, undefined, text);
  assert.match(text, /Reminder: please answer the Attendance questions\. Thank you!/);
  assert.match(
    text,
    /This is the standard reminder, sent in each contact's own language\. To write your own: message .+ nonrespondents <text>/,
  );
  const send = button(confirm, /^Send/)!;
  assert.match(send.label, new RegExp(`${total}`));
  await demo.run('kampala-supervisor', send.command, { fromButton: true });
  const [message] = await demo.sql<{ state: string; count: number; translations: Record<string, string> | null }[]>`
    select state, recipient_count as count, translations from outbound_messages where cohort = 'nonrespondents' order by id desc limit 1`;
  assert.notEqual(message!.state, 'draft');
  assert.equal(message!.count, total);
  assert.ok(
    message!.translations && Object.keys(message!.translations).length > 0,
    'written in the contacts’ languages',
  );
});

test('an inbox contact’s button opens a reply to them, with what they wrote and the line to type', async () => {
  const inbox = await demo.run('admin', 'inbox');
  const [first] = inbox.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
  assert.match(first!.command, /^reply #\d+$/);
  const id = first!.command.slice('reply #'.length);
  const opened = demo.text(await demo.run('admin', first!.command, { fromButton: true }));
  assert.match(
    opened,
    new RegExp(`^Reply to ${first!.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(.+#${id}\\)$`, 'm'),
  );
  assert.match(opened, /^\d{4}-\d\d-\d\d \d\d:\d\d: “.+”$/m);
  assert.match(opened, new RegExp(`Type your answer as: reply #${id} <your message>`));
});
