import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('export gives a CSV with TracPro’s columns, one row per response in scope', async () => {
  const reply = await demo.run('kampala-supervisor', 'export Attendance');
  const file = reply.blocks.find((b) => b.type === 'file');
  assert.ok(file && file.type === 'file');
  assert.match(file.filename, /^Attendance-\d{4}-\d\d-\d\d\.csv$/);
  const lines = file.data.toString('utf8').trim().split('\n');
  assert.equal(lines[0], 'Date,Contact,Phone,Region,Reporter group,Status,Boys present,Girls present');
  const [asked] = await demo.sql<{ n: number }[]>`
    with latest as (select pr.id from poll_runs pr join polls p on p.id = pr.poll_id where p.name = 'Attendance' order by pr.day desc limit 1)
    select count(*)::int as n from responses r join contacts c on c.id = r.contact_id join regions g on g.id = c.region_id
    where r.poll_run_id = (select id from latest) and c.status = 'active' and g.name in ('Kampala', 'Kawempe', 'Nakawa')`;
  assert.equal(lines.length - 1, asked!.n);
  assert.ok(lines.slice(1).every((l) => /,(Kampala|Kawempe|Nakawa),/.test(l)));
  assert.match(demo.text(reply), new RegExp(`${asked!.n} responses`));
});

test('restart re-asks the non-respondents of the poll run, once, after confirming', async () => {
  const confirmation = await demo.run('kampala-supervisor', 'restart Attendance');
  const count = Number(/^Contacts: (\d+)$/m.exec(demo.text(confirmation))![1]);
  assert.ok(count > 0);
  const button = confirmation.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
  await demo.run('kampala-supervisor', button.command, { fromButton: true });
  await demo.run('kampala-supervisor', button.command, { fromButton: true });
  const starts = demo.simulator.store.flowStarts;
  assert.equal(starts.flatMap((s) => s.contacts).length, count, 'each non-respondent once');
});

test('rename changes the poll’s name here only; supervisors are added and removed', async () => {
  assert.match(
    demo.text(await demo.run('admin', 'rename feedback "Teachers\' feedback"')),
    /Feedback is now called Teachers' feedback/,
  );
  assert.match(demo.text(await demo.run('admin', 'polls')), /Teachers' feedback — /);
  assert.match(demo.text(await demo.run('kampala-supervisor', 'rename att x')), /Only admins/);

  assert.match(
    demo.text(await demo.run('admin', 'supervisor add console:gulu-officer Gulu Lira')),
    /console:gulu-officer now supervises Gulu, Lira/,
  );
  assert.match(demo.text(await demo.run('admin', 'supervisors')), /^console:gulu-officer: Gulu, Lira$/m);
  const scoped = demo.text(await demo.run('gulu-officer', 'participation Attendance'));
  assert.match(scoped, /Gulu: /);
  assert.doesNotMatch(scoped, /Kampala|Northern/);
  assert.match(demo.text(await demo.run('admin', 'supervisor add console:admin Gulu')), /already an admin/);
  assert.match(demo.text(await demo.run('admin', 'supervisor add nowhere:x Gulu')), /slack:<team>:<user>/);
  assert.match(
    demo.text(await demo.run('admin', 'supervisor remove console:gulu-officer')),
    /Remove console:gulu-officer\?/,
  );
  assert.match(
    demo.text(await demo.run('admin', 'supervisor remove console:gulu-officer --confirm', { fromButton: true })),
    /no longer a supervisor/,
  );
  assert.match(demo.text(await demo.run('gulu-officer', 'polls')), /not linked/);
});
