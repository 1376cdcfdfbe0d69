// Commands that do exactly what they say: an admin action changes only what was named, and
// anything that cannot be undone from chat is shown and confirmed first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

const buttonsOf = (reply: Awaited<ReturnType<DemoOrg['run']>>) =>
  reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));

test('supervisor remove with regions takes only those regions; with none it asks, then removes the person', async () => {
  await demo.run('admin', 'supervisor add console:alice Gulu Lira');
  const partial = demo.text(await demo.run('admin', 'supervisor remove console:alice Lira'));
  assert.match(partial, /console:alice no longer supervises Lira/);
  assert.match(partial, /Still supervises: Gulu/);
  assert.match(demo.text(await demo.run('admin', 'supervisors')), /^console:alice: Gulu$/m);
  const scoped = demo.text(await demo.run('alice', 'participation Attendance'));
  assert.match(scoped, /Gulu: /);
  assert.doesNotMatch(scoped, /Lira/);
  assert.match(demo.text(await demo.run('admin', 'supervisor remove console:alice Lira')), /does not supervise Lira/);

  const question = await demo.run('admin', 'supervisor remove console:alice');
  assert.match(demo.text(question), /Remove console:alice\?/);
  assert.match(demo.text(await demo.run('alice', 'polls')), /Attendance/, 'nothing is removed before the confirmation');
  const remove = buttonsOf(question).find((b) => b.style === 'danger')!;
  assert.match(demo.text(await demo.run('admin', remove.command, { fromButton: true })), /no longer a supervisor/);
  assert.match(demo.text(await demo.run('alice', 'polls')), /not linked/);
  assert.match(demo.text(await demo.run('admin', remove.command, { fromButton: true })), /not a supervisor here/);
});

test('a malformed user id is refused, not stored', async () => {
  for (const who of ['telegram:abc', 'slack:alice', 'console:', 'telegram:-5']) {
    assert.match(demo.text(await demo.run('admin', `supervisor add ${who} Gulu`)), /slack:<team>:<user>/, who);
  }
  const [{ count }] = await demo.sql<{ count: number }[]>`select count(*)::int as count from chat_identities where platform = 'telegram' or external_id in ('alice', '')`;
  assert.equal(count, 0);
  assert.match(demo.text(await demo.run('admin', 'supervisor add telegram:123456789 Gulu')), /now supervises Gulu/);
  assert.match(demo.text(await demo.run('admin', 'supervisor add slack:T0TEST:U0ALICE Gulu')), /now supervises Gulu/);
});
