// Starting a poll on Telegram, through the real telegraf against the fake Bot API: the menu lists
// /startpoll with what it does; /startpoll, /start with a poll and a region, and `start …` typed
// in a private chat all answer with the confirmation and its buttons, in a private chat and in a
// group; a scheduled start too; Telegram's own /start still greets and redeems invites.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import type { TelegramAdapter } from '../../../src/adapters/telegram/start-telegram.ts';
import { DEFAULT_GROUP, DEFAULT_USER, startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-api.ts';
import { createDemoOrg, type DemoOrg } from '../../helpers/demo-org.ts';
import { startDemoBot } from './start-demo-bot.ts';

let demo: DemoOrg;
let fake: FakeTelegram;
let bot: TelegramAdapter;
const _log = pino({ level: 'silent' });
const me = DEFAULT_USER.id;
const group = DEFAULT_GROUP.id;

before(async () => {
  demo = await createDemoOrg();
  await demo.link(String(me), 'supervisor', ['Kampala']);
  await demo.sql`update chat_identities set platform = 'telegram' where external_id = ${String(me)}`;
  fake = await startFakeTelegram();
  bot = await startDemoBot(demo, fake);
});
after(async () => {
  await bot?.stop();
  await fake?.close();
  await demo?.close();
});

async function until(done: () => boolean, what: string) {
  for (let i = 0; i < 400; i++) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Sends an update into `chat` and returns the bot's next message there. */
async function ask(chat: number, update: object) {
  const before = fake.messages(chat).length;
  fake.pushUpdate(update);
  await until(() => fake.messages(chat).length > before, 'the answer');
  return fake.messages(chat).at(-1)!;
}

const labels = (message: { replyMarkup?: { inline_keyboard?: { text: string }[][] } }) =>
  (message.replyMarkup?.inline_keyboard ?? []).flat().map((b) => b.text);

test('the menu lists /startpoll as starting a poll; no entry is called start', () => {
  for (const [scope, lng] of [
    [undefined, ''],
    [undefined, 'fr'],
    [{ type: 'chat', chat_id: me }, ''],
  ] as const) {
    const menu = fake.commands(scope, lng);
    if (menu.length === 0) continue; // the personal menu is set after the first message
    assert.ok(!menu.some((c) => c.command === 'start'), 'Telegram keeps /start for itself');
    assert.ok(menu.some((c) => c.command === 'startpoll'));
  }
  assert.match(fake.commands().find((c) => c.command === 'startpoll')!.description, /^Start a poll/);
});

test('/start with a poll and no region is read as starting it, never as an invite', async () => {
  const answer = await ask(me, fake.privateText('/start Attendance'));
  assert.match(answer.text, /^Which region\? Give its name after the poll\.\nUsage: start <poll> <region>/);
});

test('in a private chat /startpoll, /start with a poll and a region, and a typed start each ask to confirm', async () => {
  for (const typed of ['/startpoll Attendance Kampala', '/start Attendance Kampala', 'start Attendance Kampala']) {
    const answer = await ask(me, fake.privateText(typed));
    assert.match(answer.text, /^Start Attendance\?/, typed);
    assert.deepEqual(labels(answer), ['Start now', 'Cancel'], typed);
  }
});

test('pressing Start now starts the poll for the region, and the confirmation loses its buttons', async () => {
  const confirmation = fake.messages(me).at(-1)!;
  const answer = await ask(
    me,
    fake.callbackQuery({ chatId: me, messageId: confirmation.messageId, button: 'Start now' }),
  );
  const settled = fake.messages(me).find((m) => m.messageId === confirmation.messageId)!;
  assert.deepEqual(labels(settled), [], 'a pressed confirmation cannot be pressed again');
  assert.match(answer.text, /Attendance/);
  assert.match(answer.text, /Kampala/);
  assert.doesNotMatch(answer.text, /already linked/);
  const [started] = await demo.sql<
    { n: number }[]
  >`select count(*)::int as n from poll_runs r join regions g on g.id = r.region_id where g.name = 'Kampala'`;
  assert.ok(started!.n >= 1, 'a poll run for Kampala');
});

test('a start at a time asks to confirm a schedule and makes one', async () => {
  const answer = await ask(me, fake.privateText('start Attendance Kampala at 23:59'));
  assert.match(answer.text, /^Schedule Attendance\?/);
  const done = await ask(me, fake.callbackQuery({ chatId: me, messageId: answer.messageId, button: 'Schedule' }));
  assert.match(done.text, /^Schedule #\d+: Attendance starts for Kampala/);
});

test('in a group, /startpoll@bot and /start@bot with a poll and a region ask to confirm', async () => {
  for (const command of ['startpoll', 'start']) {
    const answer = await ask(group, fake.groupCommand(command, { args: 'Attendance Kampala every "0 8 * * 1"' }));
    assert.match(answer.text, /^Schedule Attendance\?/, command);
    assert.deepEqual(labels(answer), ['Schedule', 'Cancel'], command);
  }
  const answer = await ask(group, fake.groupCommand('startpoll', { args: 'Attendance Kampala' }));
  assert.match(answer.text, /^Start Attendance\?/);
});

test('Telegram’s /start alone greets with help; with an invite’s code it links the newcomer', async () => {
  assert.match((await ask(me, fake.privateText('/start'))).text, /^TracBot commands/);
  await demo.sql`insert into invites (org_id, code, role, expires_at) values (${demo.org.id}, 'fresh-code_1abcd', 'supervisor', now() + interval '1 day')`;
  const newcomer = { id: 6061, first_name: 'Grace', language_code: 'en' };
  assert.match(
    (await ask(newcomer.id, fake.deepLinkStart('fresh-code_1abcd', { user: newcomer }))).text,
    /You are now a supervisor/,
  );
});
