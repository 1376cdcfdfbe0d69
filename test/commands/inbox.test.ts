import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';
import { waitUntil } from '../helpers/wait-until.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('inbox shows unsolicited messages from contacts in scope, newest first', async () => {
  const text = demo.text(await demo.run('admin', 'inbox'));
  assert.match(text, /^Inbox of the last 7 days$/m);
  // Each line starts with the contact's number (what reply takes), then the time.
  const lines = text
    .split('\n')
    .filter((l) => /^\d+\. \d{4}-\d\d-\d\d \d\d:\d\d · /.test(l))
    .map((l) => l.replace(/^\d+\. /, ''));
  assert.ok(lines.length > 5);
  assert.deepEqual(lines, [...lines].sort().reverse());
  const scoped = demo.text(await demo.run('kampala-supervisor', 'inbox'));
  assert.doesNotMatch(scoped, /\((Gulu|Lira|Northern|Wakiso|Central)\)/);
});

test('reply sends one text to one contact through the outbox, keeping it as typed', async () => {
  const [target] = await demo.sql<{ id: number; uuid: string; name: string }[]>`
    select c.id, c.uuid, c.name from contacts c join regions g on g.id = c.region_id
    where g.name = 'Nakawa' and c.status = 'active' order by c.id limit 1`;
  const reply = await demo.run('kampala-supervisor', `reply #${target!.id} We'll visit on Monday — thanks!`);
  assert.match(demo.text(reply), new RegExp(`Sending your message to ${target!.name}`));
  await waitUntil(() => demo.simulator.store.broadcasts.length > 0, 'the reply at RapidPro');
  const [sent] = demo.simulator.store.broadcasts;
  assert.deepEqual(sent?.contacts, [target!.uuid]);
  assert.equal(sent?.text, "We'll visit on Monday — thanks!");
  assert.match(demo.text(await demo.run('kampala-supervisor', 'reply #999999 hello')), /No contact you can see/);
  assert.match(demo.text(await demo.run('kampala-supervisor', 'reply')), /Give the contact/);
});
