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
  const [stored] = await demo.sql<
    { count: number }[]
  >`select count(*)::int as count from chat_identities where platform = 'telegram' or external_id in ('alice', '')`;
  assert.equal(stored!.count, 0);
  assert.match(demo.text(await demo.run('admin', 'supervisor add telegram:123456789 Gulu')), /now supervises Gulu/);
  assert.match(demo.text(await demo.run('admin', 'supervisor add slack:T0TEST:U0ALICE Gulu')), /now supervises Gulu/);
});

test('contact remove takes a name, shows the contact and deletes nothing until confirmed', async () => {
  const [c] = await demo.sql<{ id: number; uuid: string; name: string }[]>`
    select c.id, c.uuid, c.name from contacts c join regions g on g.id = c.region_id
    where g.name = 'Nakawa' and c.status = 'active' and not c.is_deleted and c.name is not null
      and (select count(*) from contacts o where o.name = c.name) = 1
    order by c.id limit 1`;
  const question = await demo.run('kampala-supervisor', `contact remove "${c!.name}"`);
  assert.match(demo.text(question), new RegExp(`Remove ${c!.name}\\?`));
  assert.match(demo.text(question), /Nakawa/);
  await demo.run('kampala-supervisor', 'cancel', { fromButton: true });
  assert.equal(
    demo.simulator.store.contacts.get(c!.uuid)!.deleted,
    false,
    'nothing reaches RapidPro before the confirmation',
  );
  const [still] = await demo.sql<
    { deleted: boolean }[]
  >`select is_deleted as deleted from contacts where id = ${c!.id}`;
  assert.equal(still!.deleted, false);

  const remove = buttonsOf(question).find((b) => b.style === 'danger')!;
  assert.equal(remove.command, `contact remove #${c!.id} --confirm`);
  assert.match(
    demo.text(await demo.run('kampala-supervisor', remove.command, { fromButton: true })),
    /is removed here and in RapidPro/,
  );
  assert.equal(demo.simulator.store.contacts.get(c!.uuid)!.deleted, true);
  assert.match(
    demo.text(await demo.run('kampala-supervisor', remove.command, { fromButton: true })),
    /already removed/,
  );
  const [edits] = await demo.sql<
    { count: number }[]
  >`select count(*)::int as count from contact_edits where contact_id = ${c!.id} and action = 'remove'`;
  assert.equal(edits!.count, 1, 'a second press removes nothing more');
});

test('contact remove with a name several contacts share offers each, with what tells them apart', async () => {
  const [shared] = await demo.sql<{ part: string }[]>`
    select split_part(c.name, ' ', 1) as part from contacts c join regions g on g.id = c.region_id
    where g.name in ('Kampala', 'Kawempe', 'Nakawa') and not c.is_deleted and c.name is not null
    group by 1 having count(*) > 1 order by count(*) desc limit 1`;
  const reply = await demo.run('kampala-supervisor', `contact remove ${shared!.part}`);
  const choices = buttonsOf(reply);
  assert.ok(choices.length > 1, demo.text(reply));
  for (const choice of choices) {
    assert.match(choice.command, /^contact remove #\d+$/);
    assert.match(choice.label, / \((Kampala|Kawempe|Nakawa), \+?\d+, #\d+\)$/);
  }
});

test('rename takes exactly one new name; stray quotes and extra words are refused', async () => {
  const [before] = await demo.sql<{ name: string }[]>`select name from polls where flow_name = 'Attendance'`;
  for (const line of [
    'rename Attendance question 1 "Boys attending',
    'rename Attendance "Boys',
    'rename Attendance Boys"',
    'rename Attendance x"y"',
  ]) {
    assert.match(demo.text(await demo.run('admin', line)), /A quote is missing or out of place/, line);
  }
  for (const line of ['rename Attendance Boys attending', 'rename Attendance', 'rename Attendance question 1']) {
    assert.match(demo.text(await demo.run('admin', line)), /Write rename <poll> "<new name>"/, line);
  }
  const [after] = await demo.sql<{ name: string }[]>`select name from polls where flow_name = 'Attendance'`;
  assert.equal(after!.name, before!.name, 'nothing was renamed');
  assert.match(
    demo.text(await demo.run('admin', 'rename Attendance “Daily attendance”')),
    /Attendance is now called Daily attendance/,
  );
  assert.match(
    demo.text(await demo.run('admin', `rename "Daily attendance" "Teachers' attendance"`)),
    /is now called Teachers' attendance/,
  );
  assert.match(
    demo.text(await demo.run('admin', `rename "Teachers' attendance" Attendance`)),
    /is now called Attendance\./,
  );
});

test('rename <poll> question <n|name> renames that question, and a sync keeps the new name', async () => {
  const questions = () => demo.sql<{ name: string; flow: string }[]>`
    select q.name, q.flow_name as flow from questions q join polls p on p.id = q.poll_id where p.name = 'Attendance' order by q.position`;
  const [first, second] = await questions();
  assert.match(
    demo.text(await demo.run('admin', 'rename Attendance question 1 "Boys attending"')),
    new RegExp(`question ${first!.name} is now called Boys attending`),
  );
  assert.match(
    demo.text(await demo.run('admin', `rename Attendance question "${second!.name}" "Girls attending"`)),
    /is now called Girls attending/,
  );
  assert.match(
    demo.text(await demo.run('admin', 'rename Attendance question 99 x')),
    /has no question “99”. Its questions: 1\. Boys attending, 2\. Girls attending/,
  );
  await demo.sync();
  const renamed = await questions();
  assert.deepEqual(
    renamed.slice(0, 2).map((q) => q.name),
    ['Boys attending', 'Girls attending'],
  );
  assert.equal(renamed[0]!.flow, first!.flow, 'RapidPro’s name is kept beside it');
  assert.match(demo.text(await demo.run('admin', 'results Attendance')), /Boys attending/);
});

test('remind asks first, reads the durations people type, and sets one schedule however often it is pressed', async () => {
  const count = async () =>
    (await demo.sql<{ n: number }[]>`select count(*)::int as n from schedules where kind = 'remind'`)[0]!.n;
  const before = await count();
  const ask = await demo.run(
    'kampala-supervisor',
    'remind Attendance latest Kawempe after 5 minutes Please answer today',
  );
  assert.match(demo.text(ask), /^Remind who has not answered Attendance \(\d{4}-\d\d-\d\d\)\?/);
  assert.match(demo.text(ask), /When: in 5 minutes/);
  assert.match(demo.text(ask), /^Please answer today$/m);
  assert.equal(await count(), before, 'nothing is scheduled before the confirmation');
  const button = buttonsOf(ask)[0]!;
  const done = demo.text(await demo.run('kampala-supervisor', button.command, { fromButton: true }));
  assert.match(done, /^Reminder #\d+: on .*Attendance/m);
  assert.match(done, /Text: Please answer today$/m);
  assert.match(
    demo.text(await demo.run('kampala-supervisor', button.command, { fromButton: true })),
    /already confirmed/,
  );
  assert.equal(await count(), before + 1);
  const [row] = await demo.sql<
    { at: Date; text: string }[]
  >`select at, text from schedules where kind = 'remind' order by id desc limit 1`;
  assert.ok(Math.abs(new Date(row!.at).getTime() - (Date.now() + 5 * 60_000)) < 30_000);
  assert.equal(row!.text, 'Please answer today');

  for (const [words, shown] of [
    ['in 2 hours', 'in 2 hours'],
    ['after 30m', 'in 30 minutes'],
    ['after 1.5 h', 'in 90 minutes'],
    ['after 3 days', 'in 3 days'],
  ] as const) {
    assert.match(
      demo.text(await demo.run('kampala-supervisor', `remind Attendance ${words}`)),
      new RegExp(`When: ${shown}`),
      words,
    );
  }
  assert.match(demo.text(await demo.run('kampala-supervisor', 'remind Attendance after 5')), /“5” is not a delay/);
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'remind Attendance after soon')),
    /“soon” is not a delay/,
  );
  assert.match(demo.text(await demo.run('admin', 'remind Attendance in 5 minutes')), /When: in 5 minutes/);
});

test('the default reminder reaches each contact in their language, once', async () => {
  const ask = await demo.run('kampala-supervisor', 'remind Attendance latest Nakawa after 5 minutes');
  assert.match(demo.text(ask), /in their own language/);
  const done = demo.text(await demo.run('kampala-supervisor', buttonsOf(ask)[0]!.command, { fromButton: true }));
  const id = Number(/#\u2068?(\d+)/.exec(done)![1]);
  const { runScheduleJob } = await import('../../jobs/run-schedule.ts');
  await runScheduleJob.run(demo.syncDeps, { scheduleId: id });
  await runScheduleJob.run(demo.syncDeps, { scheduleId: id });
  const [message] = await demo.sql<{ id: number; text: string; translations: Record<string, string>; state: string }[]>`
    select id, text, translations, state from outbound_messages where idempotency_key = ${`remind:${id}`}`;
  assert.equal(message!.state, 'sent');
  assert.equal(message!.text, 'Reminder: please answer the Attendance questions. Thank you!');
  assert.deepEqual(Object.keys(message!.translations).sort(), ['ara', 'eng', 'fra']);
  const broadcasts = demo.simulator.store.broadcasts.filter((b) => b.translations.fra === message!.translations.fra);
  assert.equal(broadcasts.length, 1, 'one broadcast, sent once');
  assert.equal(broadcasts[0]!.baseLanguage, 'eng');
  const received = demo.simulator.store.messages.filter((m) => m.broadcast === broadcasts[0]!.id);
  assert.ok(received.length > 0);
  const languages = new Set<string>();
  for (const m of received) {
    const language = demo.simulator.store.contacts.get(m.contactUuid)!.language ?? 'eng';
    languages.add(language);
    assert.equal(m.text, message!.translations[language], `a contact speaking ${language}`);
  }
  assert.ok(languages.has('fra') && languages.has('ara'), [...languages].join());
  // A lost answer is found again by its text, translated or not.
  const { findAccepted } = await import('../../src/outbox/find-accepted.ts');
  const found = await findAccepted(
    demo.rapidpro,
    { seq: 0, contactUuids: broadcasts[0]!.contacts, attemptedAt: new Date(Date.now() - 60_000) },
    { uuid: 'x', kind: 'broadcast', text: message!.text },
    new Date(),
  );
  assert.equal(found, String(broadcasts[0]!.id));
});

test('filters are applied or refused, and an unknown field names the fields there are', async () => {
  assert.match(
    demo.text(await demo.run('admin', 'results Attendance foo=bar')),
    /No contact has a field “foo”\. Fields you can filter on: .*gender/,
  );
  assert.match(demo.text(await demo.run('admin', 'export Attendance foo=bar')), /No contact has a field “foo”/);
  assert.match(
    demo.text(await demo.run('admin', 'participation Attendance gender=female')),
    /participation counts everyone asked and cannot be narrowed/,
  );
  assert.match(
    demo.text(await demo.run('admin', 'participation Attendance group="Head Teachers"')),
    /cannot be narrowed/,
  );

  const rowsOf = async (line: string) => {
    const reply = await demo.run('admin', line);
    const file = reply.blocks.find((b) => b.type === 'file');
    assert.ok(file && file.type === 'file', demo.text(reply));
    return file.data.toString('utf8').trim().split('\n').length - 1;
  };
  const all = await rowsOf('export Attendance');
  const women = await rowsOf('export Attendance gender=female');
  const [expected] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from responses r join contacts c on c.id = r.contact_id join poll_runs pr on pr.id = r.poll_run_id join polls p on p.id = pr.poll_id
    where p.name = 'Attendance' and c.status = 'active' and not c.is_deleted and c.region_id is not null and lower(c.fields ->> 'gender') = 'female'
      and pr.day = (select max(day) from poll_runs where poll_id = p.id)`;
  assert.ok(women > 0 && women < all, `${women} of ${all}`);
  assert.equal(women, expected!.n);
});

test('activity says that each region counts its own contacts, beside figures that show it', async () => {
  const text = demo.text(await demo.run('admin', 'activity'));
  assert.match(text, /Each region counts only its own contacts, not those of the regions below it/);
  const asked = (name: string) =>
    Number(new RegExp(`^${name}: [\\d,]+ completed of ([\\d,]+)`, 'm').exec(text)?.[1]?.replace(/,/g, '') ?? 0);
  // Kampala has few contacts of its own and two districts with many: its own figure is the smaller.
  assert.ok(asked('Nakawa') > asked('Kampala'), text);
});

test('lang confirms in the language just chosen', async () => {
  await demo.link('polyglot', 'supervisor', ['Kampala'], 'fr');
  const reply = await demo.run('polyglot', 'lang ar');
  assert.equal(reply.direction, 'rtl');
  assert.doesNotMatch(demo.text(reply), /Désormais/);
  assert.match(demo.text(reply), /العربية/);
  assert.match(demo.text(await demo.run('polyglot', 'lang fr')), /Désormais/);
});

test('removing a region or a person withdraws what they set up there: digests, scheduled starts, unconfirmed messages', async () => {
  await demo.run('admin', 'supervisor add console:bob Gulu Lira');
  await demo.run('bob', 'digest daily 08:00 Lira');
  await demo.run('bob', 'digest daily 09:00 Gulu');
  const scheduling = await demo.run('bob', 'start Attendance Lira at 23:59');
  await demo.run('bob', buttonsOf(scheduling).find((b) => b.style === 'primary')!.command, { fromButton: true });
  await demo.run('bob', 'message Attendance latest Lira all Hello Lira');
  const [bob] = await demo.sql<{ id: number }[]>`select id from chat_identities where external_id = 'bob'`;
  const setups = async () => {
    const [row] = await demo.sql<{ digests: number; schedules: number; drafts: number }[]>`
      select (select count(*)::int from digest_subscriptions where created_by = ${bob!.id}) as digests,
             (select count(*)::int from schedules where created_by = ${bob!.id} and cancelled_at is null) as schedules,
             (select count(*)::int from outbound_messages where requested_by = ${bob!.id} and state = 'draft') as drafts`;
    return row!;
  };
  assert.deepEqual(await setups(), { digests: 2, schedules: 1, drafts: 1 });
  const digestsBefore = demo.digestSchedules.size;

  const narrowed = demo.text(await demo.run('admin', 'supervisor remove console:bob Lira'));
  assert.match(narrowed, /digests stopped: 1, schedules cancelled: 1, unconfirmed messages dropped: 1/);
  assert.deepEqual(await setups(), { digests: 1, schedules: 0, drafts: 0 });
  assert.equal(demo.digestSchedules.size, digestsBefore - 1, 'the Lira digest job is cancelled too');

  const confirm = buttonsOf(await demo.run('admin', 'supervisor remove console:bob')).find(
    (b) => b.style === 'danger',
  )!;
  assert.match(demo.text(await demo.run('admin', confirm.command, { fromButton: true })), /digests stopped: 1/);
  const [left] = await demo.sql<
    { n: number }[]
  >`select count(*)::int as n from digest_subscriptions where region_ids && (select array_agg(id) from regions where name = 'Gulu')`;
  assert.equal(left!.n, 0, 'nothing the removed person set up keeps posting');
});
