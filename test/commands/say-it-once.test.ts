// What a list prints is what the next command takes, a mistyped key keeps what was asked, and
// what is shown is what is done: numbers, quotes, buttons and schedules in words.
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { runConsole } from '../../src/adapters/console/app.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

/** The number and name of a list's line: "154. Chantal Lefèvre (Gulu): …". */
const numbered = (text: string) =>
  text
    .split('\n')
    .map((line) => /^(\d+)\. ([^(]+?) \(/.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({ id: Number(m[1]), name: m[2]! }));

test('the numbers lists print before names are taken back by contact and reply', async () => {
  const nonrespondents = numbered(demo.text(await demo.run('admin', 'nonrespondents Attendance')));
  const contacts = numbered(demo.text(await demo.run('admin', 'contacts')));
  const inbox = demo
    .text(await demo.run('admin', 'inbox'))
    .split('\n')
    .flatMap((line) => /^(\d+)\. \S+ \S+ · (.+?) \(/.exec(line) ?? [])
    .filter((_, i) => i % 3 !== 0);
  assert.ok(nonrespondents.length > 0 && contacts.length > 0 && inbox.length > 0);
  // Namesakes are told apart by their numbers.
  const names = contacts.map((c) => c.name);
  assert.ok(names.length > new Set(names).size, 'the demo has namesakes');
  for (const { id, name } of [nonrespondents[0]!, contacts[0]!, { id: Number(inbox[0]), name: inbox[1]! }]) {
    for (const typed of [`${id}`, `${id}.`]) {
      const card = demo.text(await demo.run('admin', `contact ${typed}`));
      assert.match(card.split('\n')[0]!, new RegExp(`^${name} · #${id}$`), typed);
    }
  }
  const answer = demo.text(await demo.run('admin', `reply ${inbox[0]}`));
  assert.match(answer, new RegExp(inbox[1]!));
});

test('a text typed in quotes is sent without them', async () => {
  const message = await demo.run('admin', 'message Attendance nonrespondents "Hello, please answer"');
  assert.match(demo.text(message), /^Hello, please answer$/m);
  const [draft] = await demo.sql<{ text: string }[]>`select text from outbound_messages order by id desc limit 1`;
  assert.equal(draft!.text, 'Hello, please answer');
  // Quotes inside a text are the sender's.
  await demo.run('admin', 'message Attendance all Say "yes" or "no"');
  const [inner] = await demo.sql<{ text: string }[]>`select text from outbound_messages order by id desc limit 1`;
  assert.equal(inner!.text, 'Say "yes" or "no"');
});

test('a cron schedule is said in words, with its next run', async () => {
  const ask = await demo.run('admin', 'start Attendance Kampala every "0 9 * * MON"');
  assert.match(demo.text(ask), /^When: at 09:00, only on Monday \(next: Mon, [A-Z][a-z]{2} \d+, 09:00\)$/m);
  // Only the button, which is a command line, carries the cron line.
  assert.doesNotMatch(demo.text({ ...ask, blocks: ask.blocks.filter((b) => b.type !== 'buttons') }), /0 9 \*/);
  const button = ask.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
  await demo.run('admin', button.command, { fromButton: true });
  const listed = demo.text(await demo.run('admin', 'schedules'));
  assert.match(listed, /· start Attendance for Kampala at 09:00, only on Monday \(next: Mon, /);
  const french = await demo.link('fr-planner', 'admin', [], 'fr');
  assert.ok(french);
  assert.match(demo.text(await demo.run('fr-planner', 'schedules')), /à 09:00, uniquement le lundi/);
});

test('on the console, a number no button has is said so, and the confirmation can still be pressed', async () => {
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk) => (written += String(chunk)));
  await runConsole({
    dispatch: demo.dispatch,
    input: Readable.from(['start Attendance Nakawa\n', '3\n', 'nonsense\n', '1\n']),
    output,
    user: 'admin',
    json: false,
    prompt: '',
    filesDir: '/tmp',
  });
  const replies = written.trim().split('\n\n');
  assert.match(replies[0]!, /^Start Attendance\?/);
  assert.match(replies[1]!, /There is no button 3 to press/);
  assert.match(replies[2]!, /I don't know the command “nonsense”/);
  assert.match(replies[3]!, /Attendance for Nakawa is queued/);
});
