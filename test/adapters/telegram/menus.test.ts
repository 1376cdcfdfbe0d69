// Each linked person's private chat has a command menu for their role, in their language, from
// their first message on — nothing is set blindly at start-up — and it follows changes of role
// and of language.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import type { TelegramAdapter } from '../../../src/adapters/telegram/start-telegram.ts';
import type { Command } from '../../../src/core/command.ts';
import { createI18n, type I18n } from '../../../src/core/i18n.ts';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-api.ts';
import { createDemoOrg, type DemoOrg } from '../../helpers/demo-org.ts';
import { startDemoBot } from './start-demo-bot.ts';

let demo: DemoOrg;
let fake: FakeTelegram;
let bot: TelegramAdapter;
let i18n: I18n;
const _log = pino({ level: 'silent' });
const admin = { id: 8181, first_name: 'Hassan', language_code: 'fr' };

before(async () => {
  demo = await createDemoOrg();
  i18n = await createI18n();
  await demo.link(String(admin.id), 'admin');
  await demo.sql`update chat_identities set platform = 'telegram' where external_id = ${String(admin.id)}`;
  fake = await startFakeTelegram({ bot: { id: 7200000001 } });
  bot = await startDemoBot(demo, fake, { i18n });
});
after(async () => {
  await bot?.stop();
  await fake?.close();
  await demo?.close();
});

const menuOf = (chat: number) => fake.commands({ type: 'chat', chat_id: chat });
const description = (lng: string, command: Command['name']) =>
  i18n.forLanguage(lng).t(`commands:${command}.description`);

async function say(user: { id: number; first_name: string; language_code: string }, text: string) {
  const since = fake.calls().length;
  fake.pushUpdate(fake.privateText(text, { user }));
  // The menu is brought up to date after the answer.
  await fake.waitForCall('sendMessage', (c) => String(c.params.chat_id) === String(user.id), {
    since,
    timeoutMs: 5000,
  });
  for (
    let i = 0;
    i < 100 &&
    fake
      .calls()
      .slice(since)
      .every((c) => c.method !== 'setMyCommands' && c.method !== 'deleteMyCommands');
    i++
  )
    await new Promise((r) => setTimeout(r, 20));
}

test('an admin’s menu has the admin commands from their first message, in their client’s language', async () => {
  assert.deepEqual(menuOf(admin.id), [], 'nothing set for a chat the admin has not opened');
  await say(admin, 'whoami');
  const menu = menuOf(admin.id);
  assert.equal(menu.find((c) => c.command === 'setup')?.description, description('fr', 'setup'));
  assert.equal(menu.find((c) => c.command === 'participation')?.description, description('fr', 'participation'));
});

test('the menu follows the language chosen with lang, and a change of role', async () => {
  await say(admin, 'lang ar');
  assert.equal(menuOf(admin.id).find((c) => c.command === 'setup')?.description, description('ar', 'setup'));
  await demo.sql`update chat_identities set role = 'supervisor' where external_id = ${String(admin.id)}`;
  await say(admin, 'whoami');
  const menu = menuOf(admin.id);
  assert.ok(!menu.some((c) => c.command === 'setup'), 'no admin commands for a supervisor');
  assert.equal(menu.find((c) => c.command === 'participation')?.description, description('ar', 'participation'));
});

test('someone linked through an invite’s link gets their menu with the welcome', async () => {
  await demo.sql`insert into invites (org_id, code, role, expires_at) values (${demo.org.id}, 'menu-admin-16chr', 'admin', now() + interval '1 day')`;
  const newcomer = { id: 8282, first_name: 'Layla', language_code: 'ar' };
  await say(newcomer, '/start menu-admin-16chr');
  assert.equal(menuOf(newcomer.id).find((c) => c.command === 'setup')?.description, description('ar', 'setup'));
  const stranger = { id: 8383, first_name: 'Nobody', language_code: 'en' };
  await say(stranger, 'polls');
  assert.deepEqual(menuOf(stranger.id), [], 'someone not linked keeps the default menu');
});
