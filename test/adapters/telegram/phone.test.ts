// Readable on a phone, through the real telegraf against the fake Bot API: each poll's buttons sit
// under that poll's own line; several pictures go as one album while "sending a photo" shows; a
// file goes with its caption; help fits one screen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import type { TelegramAdapter } from '../../../src/adapters/telegram/start-telegram.ts';
import { DEFAULT_USER, startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-api.ts';
import { createDemoOrg, type DemoOrg } from '../../helpers/demo-org.ts';
import { startDemoBot } from './start-demo-bot.ts';

let demo: DemoOrg;
let fake: FakeTelegram;
let bot: TelegramAdapter;
const _log = pino({ level: 'silent' });
const me = DEFAULT_USER.id;

before(async () => {
  demo = await createDemoOrg();
  await demo.link(String(me), 'admin');
  await demo.sql`update chat_identities set platform = 'telegram' where external_id = ${String(me)}`;
  fake = await startFakeTelegram({ bot: { id: 7300000001 } });
  bot = await startDemoBot(demo, fake, { pace: { privatePerSecond: 50 } });
});
after(async () => {
  await bot?.stop();
  await fake?.close();
  await demo?.close();
});

/** Sends a line and waits until the chat has been quiet for half a second after an answer (paced fast here). */
async function ask(text: string) {
  const before = fake.messages(me).length;
  fake.pushUpdate(fake.privateText(text));
  let seen = before;
  let quiet = 0;
  for (let i = 0; i < 500 && quiet < 10; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const now = fake.messages(me).length;
    quiet = now > before && now === seen ? quiet + 1 : 0;
    seen = now;
  }
  return fake.messages(me).slice(before);
}

test('polls: each poll’s buttons sit under that poll’s own line', async () => {
  const sent = await ask('polls');
  const withButtons = sent.filter((m) => (m.replyMarkup?.inline_keyboard ?? []).length > 0);
  assert.ok(withButtons.length >= 2, `${withButtons.length} polls with buttons`);
  const polls = (
    await demo.sql<{ name: string }[]>`select name from polls where org_id = ${demo.org.id} and is_active`
  ).map((p) => p.name);
  for (const message of withButtons) {
    const named = polls.filter((name) => message.text.includes(name));
    assert.equal(named.length, 1, `one poll named above its buttons: ${message.text}`);
  }
});

test('a chart of several pictures goes as one album, with "sending a photo" shown while it is drawn', async () => {
  const since = fake.calls().length;
  await ask('chart Attendance latest Kampala 1');
  const calls = fake.calls().slice(since);
  const action = calls.findIndex((c) => c.method === 'sendChatAction' && c.params.action === 'upload_photo');
  const album = calls.findIndex((c) => c.method === 'sendMediaGroup' && c.ok);
  const photos = calls.filter((c) => c.method === 'sendPhoto').length;
  assert.ok(action >= 0, 'an upload action was shown');
  assert.ok(album > action, 'then the pictures went as one album');
  assert.equal(photos, 0, 'no picture went alone');
  const pictures = fake.files().filter((f) => f.at >= calls[0]!.at && f.field === 'photo');
  assert.ok(
    pictures.length >= 2 && pictures.every((p) => (p.caption ?? '').length > 0),
    'each picture with its caption',
  );
});

test('an export goes as a file whose caption says what it holds', async () => {
  const sent = await ask('export Attendance latest Kampala');
  const file = sent.find((m) => m.kind === 'document');
  assert.ok(file, 'a document');
  assert.match(file.text, /Attendance/);
  assert.ok(!sent.some((m) => m.kind === 'text'), 'no separate text message');
});

test('help fits one screen: a line per section, then how to see one command', async () => {
  const [answer] = await ask('help');
  const lines = answer!.text.split('\n');
  assert.ok(lines.length <= 10, `${lines.length} lines`);
  assert.ok(lines.some((l) => /^Polls: polls · poll · participation/.test(l)));
  assert.ok(
    lines.some((l) => /^Admin: /.test(l)),
    'an admin sees the admin section',
  );
  assert.match(answer!.text, /help <command>/);
});
