import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Reply } from '../../src/core/reply.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

const buttonsOf = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));

/** Non-respondents of a poll's latest run, in or outside a region and the regions below it. */
async function nonrespondents(poll: string, region: string, inside: boolean) {
  return demo.sql<{ id: number; uuid: string }[]>`
    with recursive tree as (
      select id from regions where name = ${region}
      union all select g.id from regions g join tree on g.parent_id = tree.id
    ), latest as (
      select pr.id from poll_runs pr join polls p on p.id = pr.poll_id where p.name = ${poll}
      order by pr.day desc, pr.created_at desc limit 1
    )
    select c.id, c.uuid from responses r join contacts c on c.id = r.contact_id
    where r.poll_run_id = (select id from latest) and r.status <> 'complete' and c.status = 'active' and not c.is_deleted
      and c.region_id is not null and ${inside ? demo.sql`c.region_id in (select id from tree)` : demo.sql`c.region_id not in (select id from tree)`}
    order by c.id`;
}

test('the nonrespondents page’s button restarts everyone it names, on every page, after a confirmation that counts them', async () => {
  const page = await demo.run('kampala-supervisor', 'nonrespondents Attendance');
  const expected = await nonrespondents('Attendance', 'Kampala', true);
  assert.ok(expected.length > 20, 'more than one page');
  assert.match(demo.text(page), new RegExp(`^Page 1 of ${Math.ceil(expected.length / 20)}$`, 'm'));
  const button = buttonsOf(page).find((b) => b.command.startsWith('restart '));
  assert.ok(button, demo.text(page));
  // The label says what it does: all of them, not the 20 shown.
  assert.equal(button.label, `Restart for all ${expected.length} who have not completed it`);
  const ids = expected.map((c) => c.id);
  const confirmation = await demo.run('kampala-supervisor', button.command, { fromButton: true });
  assert.match(demo.text(confirmation), new RegExp(`^Contacts: ${ids.length}$`, 'm'));
  assert.equal(demo.simulator.store.flowStarts.length, 0, 'nothing is sent before the confirmation');
  const send = buttonsOf(confirmation)[0]!;
  assert.match(send.command, /^send #\d+$/);
  await demo.run('kampala-supervisor', send.command, { fromButton: true });
  await demo.run('kampala-supervisor', send.command, { fromButton: true });
  const started = demo.simulator.store.flowStarts.flatMap((s) => s.contacts);
  const uuids = await demo.sql<{ uuid: string }[]>`select uuid from contacts where id = any(${ids})`;
  assert.deepEqual([...started].sort(), uuids.map((u) => u.uuid).sort(), 'exactly the chosen, once each');
});

test('chosen contacts outside the supervisor’s regions, or who completed, are left out and counted', async () => {
  const [inside] = await nonrespondents('School Status', 'Kampala', true);
  const [outside] = await nonrespondents('School Status', 'Kampala', false);
  assert.ok(inside && outside);
  const [completed] = await demo.sql<{ id: number }[]>`
    select c.id from responses r join contacts c on c.id = r.contact_id join poll_runs pr on pr.id = r.poll_run_id
    join polls p on p.id = pr.poll_id where p.name = 'School Status' and r.status = 'complete' order by pr.day desc limit 1`;
  const reply = await demo.run(
    'kampala-supervisor',
    `restart "School Status" contacts=${inside.id},${outside.id},${completed!.id}`,
  );
  assert.equal(reply.isError, undefined, demo.text(reply));
  assert.match(demo.text(reply), /^Contacts: 1$/m);
  assert.match(demo.text(reply), /^Left out \(completed since, or outside your regions\): 2$/m);
  const [draft] = await demo.sql<
    { contact_uuids: string[] }[]
  >`select b.contact_uuids from outbound_batches b where b.message_id = (select max(id) from outbound_messages)`;
  assert.deepEqual(draft!.contact_uuids, [inside.uuid]);

  const none = await demo.run('kampala-supervisor', `restart "School Status" contacts=${outside.id}`);
  assert.equal(none.isError, true);
});
