// Where the bot listens on Telegram, through the real telegraf bot against the fake Bot API: in a
// private chat every line (a command or a question); in a group only commands, lines that mention
// the bot and answers to its messages — people talking among themselves are left alone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TelegramAdapter } from '../../../src/adapters/telegram/start-telegram.ts';
import { DEFAULT_GROUP, DEFAULT_USER, startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-api.ts';
import { createDemoOrg, type DemoOrg } from '../../helpers/demo-org.ts';
import { startDemoBot } from './start-demo-bot.ts';

const group = DEFAULT_GROUP.id;
let demo: DemoOrg;
let fake: FakeTelegram;
let bot: TelegramAdapter;

before(async () => {
  demo = await createDemoOrg();
  await demo.link(String(DEFAULT_USER.id), 'admin');
  await demo.sql`update chat_identities set platform = 'telegram' where external_id = ${String(DEFAULT_USER.id)}`;
  fake = await startFakeTelegram();
  bot = await startDemoBot(demo, fake);
});
after(async () => {
  await bot?.stop();
  await fake?.close();
  await demo?.close();
});

async function until(check: () => boolean) {
  for (let i = 0; i < 250 && !check(); i++) await sleep(20);
  assert.ok(check(), 'nothing arrived within 5 s');
}

/** Every update pushed so far has been handled: a command pushed last has been answered. */
async function drained() {
  const count = fake.messages(group).length;
  fake.pushUpdate(fake.groupCommand('whoami'));
  // whoami is the asker's alone: the group hears where it went.
  await until(() => fake.messages(group).length > count);
}

test('in a private chat a question is answered, under the command it ran', async () => {
  const before = fake.messages(DEFAULT_USER.id).length;
  fake.pushUpdate(fake.privateText('how many answered attendance in kampala?'));
  await until(() => fake.messages(DEFAULT_USER.id).length > before);
  assert.match(fake.messages(DEFAULT_USER.id).at(-1)!.text, /^I read this as: participation Attendance Kampala\n/);
});

test('in a group, a line that neither mentions the bot nor answers it is not for the bot', async () => {
  const before = fake.messages(group).length;
  fake.pushUpdate(fake.groupText('how many answered attendance in kampala?'));
  await drained();
  const since = fake
    .messages(group)
    .slice(before)
    .map((m) => m.text);
  assert.equal(since.length, 1, `only the marker's note: ${since.join(' | ')}`);
  assert.doesNotMatch(since[0]!, /I read this as/);
});

test('in a group, a line that mentions the bot is answered there', async () => {
  const before = fake.messages(group).length;
  fake.pushUpdate(fake.groupText('@tracbot_test_bot how many answered attendance in kampala?'));
  await until(() => fake.messages(group).length > before);
  assert.match(fake.messages(group).at(-1)!.text, /^I read this as: participation Attendance Kampala\n/);
});

test('in a group, an answer to one of the bot’s messages is for the bot', async () => {
  const mine = fake.messages(group).at(-1)!;
  const before = fake.messages(group).length;
  fake.pushUpdate(fake.groupReply('and the results of attendance in kampala?', mine.messageId));
  await until(() => fake.messages(group).length > before);
  assert.match(fake.messages(group).at(-1)!.text, /^I read this as: results Attendance Kampala\n/);
});
