// In a Telegram group every message is seen by every member: an answer that names contacts (or is
// the asker's alone) goes to the asker's private chat, and the group only hears where it went.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TelegramAdapter } from '../../../src/adapters/telegram/start-telegram.ts';
import { createDispatch } from '../../../src/core/dispatch.ts';
import { createI18n } from '../../../src/core/i18n.ts';
import { commands } from '../../../commands/index.ts';
import { DEFAULT_GROUP, DEFAULT_USER, startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-api.ts';
import { createDemoOrg, type DemoOrg } from '../../helpers/demo-org.ts';
import { startDemoBot } from './start-demo-bot.ts';
import { waitUntil } from '../../helpers/wait-until.ts';

const NEWCOMER = { id: 5550202, first_name: 'Joseph', username: 'joseph_k', language_code: 'fr' };
const group = DEFAULT_GROUP.id;
let demo: DemoOrg;
let fake: FakeTelegram;
let bot: TelegramAdapter;

before(async () => {
  demo = await createDemoOrg();
  for (const id of [DEFAULT_USER.id, NEWCOMER.id]) {
    await demo.link(String(id), 'admin');
    await demo.sql`update chat_identities set platform = 'telegram' where external_id = ${String(id)}`;
  }
  // The newcomer was added to the group but never opened a chat with the bot.
  fake = await startFakeTelegram({ unstartedUsers: [NEWCOMER.id] });
  const i18n = await createI18n();
  const dispatch = createDispatch({ commands, services: demo.services, i18n });
  bot = await startDemoBot(demo, fake, { dispatch, i18n });
});
after(async () => {
  await bot?.stop();
  await fake?.close();
  await demo?.close();
});

async function until(check: () => boolean) {
  await waitUntil(check, 'the answer');
}

/** The names of contacts not yet answering Attendance, as the database has them. */
async function nonrespondentNames(): Promise<string[]> {
  const rows = await demo.sql<
    { name: string }[]
  >`select name from contacts where name is not null order by name limit 400`;
  return rows.map((r) => r.name);
}

test('nonrespondents asked in a group: the list goes to the asker privately, the group hears only where it went', async () => {
  const groupBefore = fake.messages(group).length;
  const privateBefore = fake.messages(DEFAULT_USER.id).length;
  fake.pushUpdate(fake.groupCommand('nonrespondents', { args: 'Attendance' }));
  await until(() => fake.messages(group).length > groupBefore && fake.messages(DEFAULT_USER.id).length > privateBefore);

  const inPrivate = fake
    .messages(DEFAULT_USER.id)
    .slice(privateBefore)
    .map((m) => m.text)
    .join('\n');
  assert.match(inPrivate, /Attendance/);
  const inGroup = fake
    .messages(group)
    .slice(groupBefore)
    .map((m) => m.text);
  assert.deepEqual(inGroup, ['I sent the answer to you in our private chat: it names contacts, or is for you alone.']);
  const names = (await nonrespondentNames()).filter((name) => inPrivate.includes(name));
  assert.ok(names.length > 0, 'the private answer names contacts');
  for (const name of names) assert.ok(!inGroup.join('\n').includes(name), `${name} shown in the group`);
});

test('someone who never started the bot is told how, in their language, and nothing is posted for the group', async () => {
  const groupBefore = fake.messages(group).length;
  fake.pushUpdate(fake.groupCommand('nonrespondents', { args: 'Attendance', user: NEWCOMER }));
  await until(() => fake.messages(group).length > groupBefore);
  await fake.waitForCall('sendMessage', (c) => c.ok === false, { timeoutMs: 5000 });
  const inGroup = fake
    .messages(group)
    .slice(groupBefore)
    .map((m) => m.text);
  assert.equal(inGroup.length, 1);
  assert.match(
    inGroup[0]!,
    /je ne peux pas encore vous écrire en privé\. Ouvrez une conversation avec @\w+, appuyez sur Démarrer/,
  );
  assert.equal(fake.messages(NEWCOMER.id).length, 0);
});

test('figures asked in a group stay in the group', async () => {
  const groupBefore = fake.messages(group).length;
  const privateBefore = fake.messages(DEFAULT_USER.id).length;
  fake.pushUpdate(fake.groupCommand('participation', { args: 'Attendance' }));
  await until(() => fake.messages(group).length > groupBefore);
  assert.match(fake.messages(group).at(-1)!.text, /^Attendance — /);
  assert.equal(fake.messages(DEFAULT_USER.id).length, privateBefore);
});
