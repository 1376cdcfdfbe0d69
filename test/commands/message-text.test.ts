// A text for contacts, at its edges: its length counted as RapidPro counts it (characters, not
// UTF-16 units), previews cut between characters as people see them, and the invisible controls
// that turn text around refused with words saying what to do.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

const send = async (line: string) => {
  const reply = await demo.run('admin', line);
  const button = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0];
  return { reply: demo.text(reply), button };
};

test('321 emoji are 321 characters, as RapidPro counts them; 641 are too many', async () => {
  const fits = await send(`message Attendance latest Kampala all ${'😀'.repeat(321)}`);
  assert.match(fits.button!.command, /^send #\d+$/, fits.reply);
  const over = await send(`message Attendance latest Kampala all ${'😀'.repeat(641)}`);
  assert.equal(over.reply, 'That message is 641 characters; keep it within 640.');
  const reply = demo.text(await demo.run('admin', `reply Nakato ${'😀'.repeat(641)}`));
  assert.equal(reply, 'That message is 641 characters; keep it within 640.');
});

test('the "Sent" line and the message log cut a long text between characters, never inside one', async () => {
  const family = '👨‍👩‍👧‍👦'; // one character on screen, seven code points
  const text = `${'a'.repeat(77)}${family}${family} after`;
  const { button } = await send(`message Attendance latest Kampala all ${text}`);
  await demo.run('admin', button!.command, { fromButton: true });
  const told = [...demo.notifier.messages.values()].map((m) => demo.text(m.versions.at(-1)!)).at(-1)!;
  const shown = /“(.*)”/u.exec(told)![1]!;
  assert.ok(shown.startsWith('a'.repeat(77)), told);
  const segments = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(shown)].map((s) => s.segment);
  for (const segment of segments) assert.ok(segment === family || [...segment].length === 1 || segment === '…', told);
  const log = demo.text(await demo.run('admin', 'messages'));
  assert.ok(!/\u200d(?![\p{Extended_Pictographic}])/u.test(log), 'no half family in the log');
});

test('direction overrides typed into a text are refused with words saying why', async () => {
  for (const control of ['\u202e', '\u202d', '\u2066', '\u2067', '\u202b']) {
    const { reply, button } = await send(`message Attendance latest Kampala all Hello ${control}dlrow`);
    assert.equal(button, undefined, reply);
    assert.match(reply, /invisible characters that change the direction of the text/, reply);
  }
  const arabic = await send('message Attendance latest Kampala all مرحبا \u200fبكم');
  assert.match(arabic.button!.command, /^send #\d+$/, 'a right-to-left mark is ordinary Arabic typing');
});
