import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('sync status shows every entity with its last success, lag and counts', async () => {
  const text = demo.text(await demo.run('admin', 'sync status'));
  for (const entity of [
    'Groups',
    'Contact fields',
    'Boundaries',
    'Contacts',
    'Polls and questions',
    'Inbox',
    'Runs of Attendance',
    'Runs of all polls',
  ]) {
    assert.match(text, new RegExp(`^${entity}: synced \\d+ seconds? ago · \\d+ seconds? behind`, 'm'), entity);
  }
  assert.match(text, /^Contacts: .*240 contacts/m);
  assert.match(text, /^Polls and questions: .*4 polls, 7 questions/m);
  assert.doesNotMatch(text, /last error/);
});

test('a failing sync shows its error until the next success', async () => {
  demo.simulator.setFaults({ rate500: 1 });
  await assert.rejects(demo.sync());
  demo.simulator.setFaults({});
  const failing = demo.text(await demo.run('admin', 'sync status'));
  assert.match(failing, /^Groups: .*last error: RapidPro groups\.json answered 500/m);
  await demo.sync();
  assert.doesNotMatch(demo.text(await demo.run('admin', 'sync status')), /last error/);
});

test('sync is for admins, and says what it does not know', async () => {
  assert.match(demo.text(await demo.run('kampala-supervisor', 'sync status')), /Only admins/);
  assert.match(demo.text(await demo.run('admin', 'sync everything')), /sync has no part called “everything”/);
});
