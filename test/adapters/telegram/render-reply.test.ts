// Every command's reply, in English and Arabic, rendered as Telegram HTML within Telegram's
// limits (checked by the fake Bot API's own parser); user text can never become markup.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { telegramLimits } from '../../../src/adapters/telegram/limits.ts';
import { renderReply } from '../../../src/adapters/telegram/render-reply.ts';
import { commands } from '../../../commands/index.ts';
import { parseHtml } from '../../fakes/telegram-api.ts';
import bidiJs from 'bidi-js';
import { createDemoOrg, type DemoOrg } from '../../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
  await demo.link('arabic-admin', 'admin', [], 'ar');
});
after(() => demo?.close());

function check(html: string) {
  const { text } = parseHtml(html);
  assert.ok(text.length >= 1 && text.length <= telegramLimits.messageText, `${text.length} characters`);
  return text;
}

for (const command of commands) {
  test(`${command.name} renders as Telegram HTML within limits in English and Arabic`, async () => {
    for (const user of ['admin', 'arabic-admin']) {
      const { messages, files } = renderReply(await demo.run(user, command.samples[0]));
      assert.ok(messages.length + files.length >= 1);
      for (const message of messages) check(message.html);
      for (const row of [...messages, ...files].flatMap((m) => m.buttons))
        assert.ok(row.length <= telegramLimits.buttonsPerRow);
      for (const file of files)
        if (file.caption) assert.ok(parseHtml(file.caption).text.length <= telegramLimits.caption);
    }
  });
}

// The Unicode bidi algorithm's paragraph direction (rules P2–P3), as a client computes it.
const bidi = (bidiJs as unknown as typeof bidiJs.default)();
const paragraphLevel = (line: string) => bidi.getEmbeddingLevels(line).paragraphs[0]!.level;

test('every line of every Arabic reply starts right to left, by the Unicode bidi rules', async () => {
  const leftToRight: string[] = [];
  // (The sample of `lang` above switched this admin to English.)
  await demo.sql`update chat_identities set language = 'ar' where external_id = 'arabic-admin'`;
  for (const command of commands.filter((c) => c.name !== 'lang')) {
    const { messages, files } = renderReply(await demo.run('arabic-admin', command.samples[0]));
    const texts = [...messages.map((m) => m.html), ...files.map((f) => f.caption)].map((html) => parseHtml(html).text);
    for (const line of texts.flatMap((text) => text.split('\n'))) {
      if (line.trim() !== '' && paragraphLevel(line) !== 1) leftToRight.push(`${command.name}: ${line}`);
    }
  }
  assert.deepEqual(leftToRight, []);
});

test('a name copied out of an Arabic reply, isolates and marks included, works when pasted back', async () => {
  const reply = await demo.run('arabic-admin', 'participation \u200f\u2068Attendance\u2069 latest \u2068Kampala\u2069');
  assert.ok(!reply.isError, JSON.stringify(reply.blocks));
});

test('user text is escaped: a name like markup stays text', () => {
  const { messages } = renderReply({
    direction: 'ltr',
    blocks: [
      { type: 'heading', text: '<b>Amina</b> & co' },
      { type: 'text', text: 'x < y > z' },
    ],
  });
  assert.equal(messages[0]!.html, '<b>&lt;b&gt;Amina&lt;/b&gt; &amp; co</b>\nx &lt; y &gt; z');
  assert.equal(check(messages[0]!.html), '<b>Amina</b> & co\nx < y > z');
});

test('a long reply is split between lines into messages of at most 4096 characters, nothing lost', () => {
  const items = Array.from({ length: 2000 }, (_, i) => `Contact ${i} & friends <${i}>`);
  const { messages } = renderReply({ direction: 'ltr', blocks: [{ type: 'list', items }] });
  assert.ok(messages.length > 1);
  const text = messages.map((m) => check(m.html)).join('\n');
  for (const i of [0, 999, 1999]) assert.ok(text.includes(`• Contact ${i} & friends <${i}>`));
  const oneLine = renderReply({ direction: 'ltr', blocks: [{ type: 'text', text: '&'.repeat(10_000) }] });
  assert.equal(
    oneLine.messages
      .map((m) => check(m.html))
      .join('')
      .replace(/\n/g, ''),
    '&'.repeat(10_000),
  );
});

test('pictures and files go as uploads, with names Telegram keeps whole', () => {
  const png = Buffer.from([1, 2, 3]);
  const { messages, files } = renderReply({
    direction: 'ltr',
    blocks: [
      { type: 'image', png, alt: 'Attendance', filename: 'chart.png' },
      { type: 'file', data: png, filename: 'export "week 12".csv', mimeType: 'text/csv' },
    ],
  });
  assert.deepEqual(messages, []);
  assert.deepEqual(
    files.map((f) => [f.kind, f.filename, f.caption]),
    [
      ['photo', 'chart.png', 'Attendance'],
      ['document', 'export week 12.csv', ''],
    ],
  );
});

test('a lone file carries the reply’s text and buttons as its caption', () => {
  const { messages, files } = renderReply({
    direction: 'ltr',
    blocks: [
      { type: 'file', data: Buffer.from('a,b'), filename: 'export.csv', mimeType: 'text/csv' },
      { type: 'context', text: '12 rows of Attendance & co' },
      { type: 'buttons', buttons: [{ label: 'Again', command: 'export Attendance' }] },
    ],
  });
  assert.deepEqual(messages, []);
  assert.equal(files[0]!.caption, '<i>12 rows of Attendance &amp; co</i>');
  assert.deepEqual(files[0]!.buttons, [[{ label: 'Again', command: 'export Attendance' }]]);
});

test('several rows of buttons each sit under the lines they act on', () => {
  const row = (poll: string) => ({
    type: 'buttons' as const,
    buttons: [
      { label: 'Participation', command: `participation ${poll}` },
      { label: 'Chart', command: `chart ${poll}` },
    ],
  });
  const { messages } = renderReply({
    direction: 'ltr',
    blocks: [
      { type: 'heading', text: 'Polls' },
      { type: 'text', text: '1. Attendance' },
      row('Attendance'),
      { type: 'text', text: '2. Hygiene' },
      row('Hygiene'),
      { type: 'context', text: 'hint' },
    ],
  });
  assert.deepEqual(
    messages.map((m) => [check(m.html), m.buttons.flat().map((b) => b.command)]),
    [
      ['Polls\n1. Attendance', ['participation Attendance', 'chart Attendance']],
      ['2. Hygiene', ['participation Hygiene', 'chart Hygiene']],
      ['hint', []],
    ],
  );
});
