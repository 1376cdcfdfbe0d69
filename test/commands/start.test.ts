import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

async function activeContactsOf(regionName: string): Promise<string[]> {
  const rows = await demo.sql<{ uuid: string }[]>`
    with recursive subtree(id) as (
      select id from regions where name = ${regionName}
      union all select r.id from regions r join subtree s on r.parent_id = s.id
    )
    select uuid from contacts where region_id in (select id from subtree) and status = 'active' and not is_deleted`;
  return rows.map((r) => r.uuid).sort();
}

test('start asks first, sends once on confirmation, and answers show up in participation', async () => {
  const contacts = await activeContactsOf('Kampala');
  assert.ok(contacts.length > 0);

  const confirmation = await demo.run('kampala-supervisor', 'start Attendance Kampala');
  const text = demo.text(confirmation);
  assert.match(text, new RegExp(`^Contacts: ${contacts.length}$`, 'm'));
  assert.match(text, /^Regions below it: 2$/m);
  assert.equal(demo.sent.length, 0, 'nothing is sent before confirming');
  const button = confirmation.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
  assert.match(button.command, /^start #\d+ #\d+ --confirm=\S+$/);

  const started = await demo.run('kampala-supervisor', button.command, { fromButton: true });
  assert.match(demo.text(started), new RegExp(`Attendance for Kampala is queued: ${contacts.length} contacts`));
  // "Started" is said once RapidPro has taken every batch, in the chat the start came from.
  const told = [...demo.notifier.messages.values()].map((m) => ({ chat: m.chat, text: demo.text(m.versions[0]!) }));
  assert.deepEqual(told, [
    {
      chat: { platform: 'console', chatId: 'test' },
      text: `Attendance started: RapidPro took the poll for all ${contacts.length} contacts.`,
    },
  ]);
  const starts = demo.simulator.store.flowStarts;
  assert.ok(
    starts.every((s) => s.contacts.length <= 100),
    'batches respect RapidPro’s 100-contact limit',
  );
  assert.deepEqual(starts.flatMap((s) => s.contacts).sort(), contacts);

  const again = await demo.run('kampala-supervisor', button.command, { fromButton: true });
  assert.match(demo.text(again), /already confirmed/);
  assert.equal(demo.simulator.store.flowStarts.length, starts.length, 'a second click sends nothing');

  // Right after the start every contact is asked and nobody has answered yet.
  const first = demo.text(await demo.run('kampala-supervisor', 'participation Attendance latest'));
  assert.match(first, new RegExp(`^Asked: ${contacts.length}$`, 'm'));
  assert.match(first, /^Complete: 0 \(0%\)$/m);

  // The simulated contacts answer within moments; a runs sync brings the answers in (synced
  // again until it does: an answer stamped after a sync's window closed comes with the next).
  const participation = async () => demo.text(await demo.run('kampala-supervisor', 'participation Attendance latest'));
  let later = first;
  for (let i = 0; i < 100 && /^Complete: 0 /m.test(later); i++) {
    await sleep(50);
    await demo.sync();
    later = await participation();
  }
  assert.match(later, new RegExp(`^Asked: ${contacts.length}$`, 'm'));
  const complete = Number(/^Complete: (\d+)/m.exec(later)![1]);
  assert.ok(complete > 0, later);
});

test('a supervisor cannot start a poll outside their regions; a region is required', async () => {
  const outside = await demo.run('kampala-supervisor', 'start Attendance Northern');
  assert.match(demo.text(outside), /no region called “Northern” that you can see/);
  const noRegion = await demo.run('kampala-supervisor', 'start Attendance');
  assert.match(demo.text(noRegion), /Which region\?[\s\S]*Usage: start <poll> <region>/);
  const badFlag = await demo.run('admin', 'start Attendance Kampala --now');
  assert.match(demo.text(badFlag), /didn't understand one of the options/);
});
