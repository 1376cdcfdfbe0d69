import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

async function cohortOf(statusFilter: string, region?: string) {
  const rows = await demo.sql<{ uuid: string }[]>`
    with recursive subtree(id) as (
      select id from regions where ${region ? demo.sql`name = ${region}` : demo.sql`parent_id is null`}
      union all select r.id from regions r join subtree s on r.parent_id = s.id
    ), latest as (
      select pr.id from poll_runs pr join polls p on p.id = pr.poll_id where p.name = 'Attendance'
      order by pr.day desc, pr.created_at desc limit 1
    )
    select c.uuid from responses r join contacts c on c.id = r.contact_id
    where r.poll_run_id = (select id from latest) and c.status = 'active' and not c.is_deleted
      and c.region_id in (select id from subtree) and ${demo.sql.unsafe(statusFilter)}`;
  return rows.map((r) => r.uuid).sort();
}

test('nonrespondents lists who has not completed, a page at a time', async () => {
  const expected = await cohortOf("r.status <> 'complete'", 'Kampala');
  const first = await demo.run('kampala-supervisor', 'nonrespondents Attendance');
  const text = demo.text(first);
  assert.match(text, /^Not completed: Attendance — /m);
  const lines = text.split('\n').filter((l) => /: (no answer|answered in part)$/.test(l));
  assert.equal(lines.length, Math.min(20, expected.length));
  const more = first.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])).find((b) => b.label === 'More');
  if (expected.length > 20) {
    assert.ok(more, 'a More button');
    const second = demo.text(await demo.run('kampala-supervisor', more.command, { fromButton: true }));
    assert.match(second, /^Page 2 of \d+$/m);
  }
});

test('message asks first, then sends once to exactly the cohort shown', async () => {
  const expected = await cohortOf("r.status <> 'complete'", 'Kampala');
  const confirmation = await demo.run(
    'kampala-supervisor',
    'message Attendance nonrespondents Please send today’s numbers',
  );
  const text = demo.text(confirmation);
  assert.match(text, new RegExp(`^Contacts: ${expected.length}$`, 'm'));
  assert.match(text, /^Please send today’s numbers$/m);
  assert.equal(demo.simulator.store.broadcasts.length, 0, 'nothing sent before confirming');
  const sendButton = confirmation.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
  assert.match(sendButton.command, /^send #\d+$/);

  const sent = await demo.run('kampala-supervisor', sendButton.command, { fromButton: true });
  assert.match(demo.text(sent), new RegExp(`Queued for ${expected.length} contacts`));
  const told = [...demo.notifier.messages.values()].map((m) => demo.text(m.versions[0]!));
  assert.ok(
    told.includes(`Sent: RapidPro took “Please send today’s numbers” for all ${expected.length} contacts.`),
    told.join('\n'),
  );
  const broadcasts = demo.simulator.store.broadcasts;
  assert.ok(broadcasts.every((b) => b.contacts.length <= 100));
  assert.deepEqual(broadcasts.flatMap((b) => b.contacts).sort(), expected);

  const again = await demo.run('kampala-supervisor', sendButton.command, { fromButton: true });
  assert.match(demo.text(again), /already confirmed/);
  assert.equal(demo.simulator.store.broadcasts.length, broadcasts.length);
  const other = await demo.run('admin', sendButton.command, { fromButton: true });
  assert.match(demo.text(other), /already confirmed/, 'nobody else can confirm someone’s draft');

  const log = demo.text(await demo.run('kampala-supervisor', 'messages'));
  assert.match(
    log,
    new RegExp(
      `Attendance · non-respondents · ${expected.length} · sent · by kampala-supervisor: “Please send today’s numbers”`,
    ),
  );
});

test('message says what is missing', async () => {
  assert.match(demo.text(await demo.run('admin', 'message Attendance')), /To whom\?/);
  assert.match(demo.text(await demo.run('admin', 'message Attendance all')), /What should the message say\?/);
  assert.match(
    demo.text(await demo.run('admin', `message Attendance all ${'x'.repeat(700)}`)),
    /700 characters; keep it within 640/,
  );
  assert.match(demo.text(await demo.run('admin', 'send #999999')), /already confirmed/);
});
