// Free questions through the real dispatch, against the demo org: what the question was read as
// comes first, then that command's own answer (scope, privacy and confirmations as typed); what
// would send, start, schedule or change anything is never done from a sentence.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('a free question answers under the exact command it ran, then that command’s own answer', async () => {
  const asked = await demo.run('admin', 'how many answered attendance in kampala?');
  assert.deepEqual(asked.blocks[0], { type: 'context', text: 'I read this as: participation Attendance Kampala' });
  const typed = await demo.run('admin', 'participation Attendance Kampala');
  assert.deepEqual(asked.blocks.slice(1), typed.blocks);
  assert.equal(asked.holds, 'figures', 'privacy follows the command it became');

  await demo.sql`update chat_identities set language = 'fr' where external_id = 'admin'`;
  try {
    const french = await demo.run('admin', "qui n'a pas répondu à attendance à Kampala ?");
    assert.match(demo.text(french), /^J’ai compris\u00a0: nonrespondents Attendance Kampala\n/);
    assert.equal(french.holds, 'contacts');
  } finally {
    await demo.sql`update chat_identities set language = null where external_id = 'admin'`;
  }
});

test('a supervisor’s question stays in their regions: another region is refused as the command refuses it', async () => {
  const reply = await demo.run('kampala-supervisor', 'how many answered attendance in gulu');
  assert.match(demo.text(reply), /^I read this as: participation Attendance gulu\n/);
  assert.ok(reply.isError);
  assert.doesNotMatch(demo.text(reply), /Gulu: \d+%/);
});

test('questions that would send, start, schedule or change anything only ask to confirm', async () => {
  const counts = async () => {
    const [row] = await demo.sql<{ sent: number; runs: number; schedules: number; digests: number }[]>`
      select (select count(*)::int from outbound_messages where state <> 'draft') as sent,
             (select count(*)::int from poll_runs) as runs,
             (select count(*)::int from schedules) as schedules,
             (select count(*)::int from digest_subscriptions) as digests`;
    return {
      ...row!,
      flowStarts: demo.simulator.store.flowStarts.length,
      broadcasts: demo.simulator.store.broadcasts.length,
    };
  };
  const before = await counts();
  const questions = {
    'can you start attendance in kampala': /^start #\d+ #\d+ --confirm=/,
    'please start attendance in kampala tomorrow at 9': /^start #\d+ #\d+ at \d{4}-\d\d-\d\d 09:00 --confirm=/,
    'remind those who have not answered attendance in kampala': /^send #\d+$/,
    'send a message to everyone in kampala who answered attendance: thank you': /^send #\d+$/,
    'ask the nonrespondents of attendance in kampala again': /^send #\d+$/,
    'please remind non respondents of attendance in kampala in 2 hours': /^remind --confirm=/,
    'send me a daily summary at 8': /^digest daily 08:00$/,
    'refresh the data now': /^sync now$/,
  };
  for (const [question, button] of Object.entries(questions)) {
    const reply = await demo.run('admin', question);
    const text = demo.text(reply);
    assert.match(text, /^I read this as: /, question);
    const primary = reply.blocks
      .flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
      .find((b) => b.style === 'primary');
    assert.ok(primary, `${question}: a button to confirm\n${text}`);
    assert.match(primary.command, button, question);
  }
  assert.deepEqual(await counts(), before, 'nothing was sent, started, scheduled or subscribed');

  // Pressing is what does it: the digest's button subscribes this chat.
  const pressed = await demo.run('admin', 'digest daily 08:00', { fromButton: true });
  assert.ok(!pressed.isError, demo.text(pressed));
  assert.equal((await counts()).digests, before.digests + 1);
});

test('an ambiguous question offers its readings as buttons, each a command', async () => {
  const reply = await demo.run('admin', 'attendance kampala');
  const offered = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.command) : []));
  assert.deepEqual(offered, [
    'participation Attendance Kampala',
    'results Attendance Kampala',
    'chart Attendance Kampala',
  ]);
  const pressed = await demo.run('admin', offered[1]!, { fromButton: true });
  assert.match(demo.text(pressed), /^Results of Attendance/);
});

test('a question it cannot read says what can be asked instead, in the user’s language, with the workspace’s names', async () => {
  await demo.sql`update chat_identities set language = 'es' where external_id = 'admin'`;
  try {
    const reply = await demo.run('admin', 'que tiempo hace en gulu');
    assert.ok(reply.isError);
    const text = demo.text(reply);
    assert.match(text, /^No pude leer eso como una pregunta/);
    assert.match(text, /«¿quién no ha respondido Attendance\?»/);
    assert.match(text, /escriba help/);
  } finally {
    await demo.sql`update chat_identities set language = null where external_id = 'admin'`;
  }
});

test('commands keep working as typed; a mistyped command word is still answered as one', async () => {
  assert.match(demo.text(await demo.run('admin', 'part Attendance')), /Did you mean participation\?/);
  assert.match(demo.text(await demo.run('admin', 'hello')), /I don't know the command “hello”/);
  const typed = await demo.run('admin', 'participation Attendance Kampala');
  assert.doesNotMatch(demo.text(typed), /I read this as/);
  // A command that would change something keeps its own error: never read into another action.
  const late = await demo.run('admin', 'start Attendance Kampala at 25:00');
  assert.match(demo.text(late), /^Give the time as/);
  // A sentence that fails as the command it begins with is read as a question.
  assert.match(
    demo.text(await demo.run('admin', 'results for attendance in kampala')),
    /^I read this as: results Attendance Kampala\n/,
  );
});
