// The real telegraf bot against the fake Bot API: commands by long polling and by webhook,
// buttons through short codes, repeated updates handled once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { startTelegram, type TelegramAdapter } from '../../../src/adapters/telegram/start-telegram.ts';
import { telegramLimits } from '../../../src/adapters/telegram/limits.ts';
import { createDispatch } from '../../../src/core/dispatch.ts';
import { createI18n } from '../../../src/core/i18n.ts';
import { startHttpServer, type HttpServer } from '../../../src/http/start-http-server.ts';
import { commands } from '../../../commands/index.ts';
import { DEFAULT_USER, startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-api.ts';
import { createDemoOrg, type DemoOrg } from '../../helpers/demo-org.ts';
import { startDemoBot } from './start-demo-bot.ts';
import { waitUntil } from '../../helpers/wait-until.ts';

let demo: DemoOrg;
let fake: FakeTelegram;
let bot: TelegramAdapter;
const log = pino({ level: 'silent' });

before(async () => {
  demo = await createDemoOrg();
  await demo.link(String(DEFAULT_USER.id), 'admin');
  await demo.sql`update chat_identities set platform = 'telegram' where external_id = ${String(DEFAULT_USER.id)}`;
  fake = await startFakeTelegram();
  const dispatch = createDispatch({ commands, services: demo.services, i18n: await createI18n() });
  const i18n = await createI18n();
  bot = await startDemoBot(demo, fake, { dispatch, i18n });
});
after(async () => {
  await bot?.stop();
  await fake?.close();
  await demo?.close();
});

const chat = DEFAULT_USER.id;
const lastText = () => fake.messages(chat).at(-1)?.text ?? '';

test('a command by long polling is answered in HTML with its buttons as short codes', async () => {
  const before = fake.messages(chat).length;
  fake.pushUpdate(fake.privateText('/participation Attendance'));
  await fake.waitForCall('sendMessage', (c) => c.ok === true, { timeoutMs: 5000 });
  const sent = fake.messages(chat).slice(before);
  assert.equal(sent.length, 1);
  assert.match(sent[0]!.text, /^Attendance — \d{4}-\d\d-\d\d/);
  const buttons = (sent[0]!.replyMarkup?.inline_keyboard ?? []).flat() as { text: string; callback_data: string }[];
  assert.ok(buttons.length > 0);
  for (const b of buttons) assert.ok(Buffer.byteLength(b.callback_data) <= telegramLimits.callbackData);
});

test('pressing a button runs the command behind its code', async () => {
  const message = fake.messages(chat).at(-1)!;
  const before = fake.messages(chat).length;
  fake.pushUpdate(fake.callbackQuery({ chatId: chat, messageId: message.messageId, button: 'Refresh' }));
  await fake.waitForCall('answerCallbackQuery', () => true, { timeoutMs: 5000 });
  await waitUntil(() => fake.messages(chat).length > before, 'the poll in the chat');
  assert.match(lastText(), /^Attendance — /);
});

test('the nonrespondents page’s restart button fits Telegram’s 64 bytes and asks to confirm all it names', async () => {
  const before = fake.messages(chat).length;
  fake.pushUpdate(fake.privateText('/nonrespondents Attendance'));
  await waitUntil(() => fake.messages(chat).length > before, 'a new page in the chat');
  const page = fake.messages(chat).at(-1)!;
  const buttons = (page.replyMarkup?.inline_keyboard ?? []).flat() as { text: string; callback_data: string }[];
  const restart = buttons.find((b) => /^Restart for all \d+ who have not completed it$/.test(b.text));
  assert.ok(restart, buttons.map((b) => b.text).join(', '));
  for (const b of buttons) assert.ok(Buffer.byteLength(b.callback_data) <= telegramLimits.callbackData);
  const shown = Number(/\d+/.exec(restart.text)![0]);
  const count = fake.messages(chat).length;
  fake.pushUpdate(fake.callbackQuery({ chatId: chat, messageId: page.messageId, button: restart.text }));
  await waitUntil(() => fake.messages(chat).length > count, 'the restart in the chat');
  assert.match(lastText(), /^Restart Attendance — /);
  assert.match(lastText(), new RegExp(`Contacts:?\\s*${shown}`));
});

test('an update delivered twice is handled once; an unknown user is told to ask an admin', async () => {
  const update = fake.privateText('whoami');
  const before = fake.messages(chat).length;
  // The same update (same update_id) delivered twice.
  fake.pushUpdate(fake.pushUpdate(update));
  await fake.waitForCall('sendMessage', (c) => c.ok === true && String(c.params.text).includes('Admin'), {
    timeoutMs: 5000,
  });
  // A chat's updates are handled in order: once a marker sent after the copy is answered, the
  // copy has been handled too.
  fake.pushUpdate(fake.privateText('lang en'));
  await fake.waitForCall('sendMessage', (c) => /From now on/.test(String(c.params.text)), { timeoutMs: 5000 });
  assert.equal(fake.messages(chat).length, before + 2, 'the copy answered nothing; the marker was answered');

  fake.pushUpdate(fake.privateText('polls', { user: { id: 777, first_name: 'Stranger', language_code: 'fr' } }));
  await fake.waitForCall('sendMessage', (c) => String(c.params.chat_id) === '777', { timeoutMs: 5000 });
  assert.match(fake.messages(777).at(-1)!.text, /n’est pas encore relié à TracBot/);
});

test('by webhook, a delivery with the wrong secret is refused and the right one answered', async () => {
  const fake2 = await startFakeTelegram({ token: '4242:webhook-bot', bot: { id: 4242, username: 'tracbot_hook_bot' } });
  const http: HttpServer = await startHttpServer({
    port: 0,
    log,
    health: {},
    metrics: { contentType: 'text/plain', render: async () => '' },
  });
  const dispatch = createDispatch({ commands, services: demo.services, i18n: await createI18n() });
  const hooked = await startTelegram({
    token: fake2.token,
    apiRoot: fake2.url,
    dispatch,
    dialogs: demo.dialogs,
    i18n: await createI18n(),
    sql: demo.sql,
    log,
    commands,
    webhook: { url: `http://127.0.0.1:${http.port}/telegram/hook`, secret: 'right-secret', http },
  });
  try {
    assert.equal(await fake2.deliverWebhook(fake2.privateText('whoami'), { secret: 'wrong' }), 403);
    assert.equal(await fake2.deliverWebhook(fake2.privateText('whoami'), { secret: null }), 403);
    assert.equal(await fake2.deliverWebhook(fake2.privateText('whoami')), 200);
    await fake2.waitForCall('sendMessage', () => true, { timeoutMs: 5000 });
    assert.match(fake2.messages(chat).at(-1)!.text, /Admin/);

    // Telegram delivers an update again when our answer was late: the copy (same update_id) is
    // dropped. A marker after it in the same chat is answered only once the copy was handled.
    const before = fake2.messages(chat).length;
    const update = { ...fake2.privateText('whoami'), update_id: 900_001 };
    assert.equal(await fake2.deliverWebhook(update), 200);
    assert.equal(await fake2.deliverWebhook(update), 200);
    assert.equal(await fake2.deliverWebhook(fake2.privateText('lang en')), 200);
    await fake2.waitForCall('sendMessage', (c) => /From now on/.test(String(c.params.text)), { timeoutMs: 5000 });
    assert.equal(
      fake2.messages(chat).length,
      before + 2,
      'the copy answered nothing; the update and the marker were answered',
    );
  } finally {
    await hooked.stop();
    await http.close();
    await fake2.close();
  }
});

test('the command menu is registered per language from the registry, admin commands only in the admins’ chats', () => {
  const english = fake.commands();
  assert.ok(english.some((c: { command: string }) => c.command === 'participation'));
  assert.ok(
    !english.some((c: { command: string }) => c.command === 'setup'),
    'admin commands are not in the shared menu',
  );
  const admin = fake.commands({ type: 'chat', chat_id: chat });
  assert.ok(
    admin.some((c: { command: string }) => c.command === 'setup'),
    'the admin’s chat has the admin commands',
  );
  assert.ok(admin.some((c: { command: string }) => c.command === 'participation'));
  const french = fake.commands(undefined, 'fr');
  assert.match(french.find((c: { command: string }) => c.command === 'participation')!.description, /répondu/);
  const arabic = fake.commands(undefined, 'ar');
  assert.ok(arabic.length === english.length);
});

test('a digest for a Telegram chat is posted there in HTML, in English and in Arabic', async () => {
  const { postDigest } = await import('../../../src/digests/post-digest.ts');
  for (const [language, expected] of [
    ['en', /^Digest for all regions — /],
    ['ar', /^ملخص/],
  ] as const) {
    const [row] = await demo.sql<{ id: number }[]>`
      insert into digest_subscriptions (org_id, platform, chat_id, cron, timezone, language)
      values (${demo.org.id}, 'telegram', ${String(chat)}, '0 8 * * *', 'Africa/Kampala', ${language}) returning id`;
    const before = fake.messages(chat).length;
    assert.equal(await postDigest({ ...demo.syncDeps, notifier: bot.notifier }, row!.id), 'posted');
    const posted = fake.messages(chat).slice(before);
    assert.match(posted[0]!.text, expected);
    assert.ok(
      posted.some((m) => m.kind === 'photo' && m.text.length > 0),
      'a participation chart with its caption',
    );
    assert.ok(
      posted.some((m) => (m.replyMarkup?.inline_keyboard ?? []).flat().length > 0),
      'the button to see who has not answered',
    );
  }
});

test('a 429 is waited out for its retry_after; a user who never started the bot is reported unreachable', async () => {
  const { UnreachableError } = await import('../../../src/adapters/telegram/pace-outbound.ts');
  fake.failNext('sendMessage', { retryAfter: 1 });
  const started = Date.now();
  await bot.notifier.post(
    { platform: 'telegram', chatId: String(chat) },
    { direction: 'ltr', blocks: [{ type: 'text', text: 'After the wait' }] },
  );
  assert.ok(Date.now() - started >= 900, 'waited for retry_after');
  assert.equal(lastText(), 'After the wait');

  fake.setReachability(424242, 'never-started');
  await assert.rejects(
    bot.notifier.post(
      { platform: 'telegram', chatId: '424242' },
      { direction: 'ltr', blocks: [{ type: 'text', text: 'Hello' }] },
    ),
    (error: unknown) => error instanceof UnreachableError && error.chatId === '424242',
  );
});

test('a private answer for someone who asked in a group goes to their private chat alone', async () => {
  const group = -100777;
  await bot.notifier.post(
    { platform: 'telegram', chatId: String(group), userId: String(chat) },
    { direction: 'ltr', private: true, blocks: [{ type: 'text', text: 'For your eyes' }] },
  );
  assert.equal(lastText(), 'For your eyes');
  assert.equal(fake.messages(group).length, 0, 'nothing in the group');
});

test('an invite’s link links the person who opens it, once; a spent or expired one is refused', async () => {
  fake.pushUpdate(fake.privateText('invite supervisor Kampala'));
  await fake.waitForCall('sendMessage', (c) => String(c.params.text).includes('t.me/'), { timeoutMs: 5000 });
  const code = /start=([\w-]+)/.exec(lastText())![1]!;
  const newcomer = { id: 8080, first_name: 'Grace', language_code: 'en' };
  fake.pushUpdate(fake.deepLinkStart(code, { user: newcomer }));
  await fake.waitForCall('sendMessage', (c) => String(c.params.chat_id) === '8080', { timeoutMs: 5000 });
  assert.match(fake.messages(8080).at(-1)!.text, /You are now a supervisor/);
  const [linked] = await demo.sql<{ role: string; regions: string[] }[]>`
    select i.role, array(select g.name from identity_regions r join regions g on g.id = r.region_id where r.identity_id = i.id) as regions
    from chat_identities i where i.platform = 'telegram' and i.external_id = '8080'`;
  assert.deepEqual(linked, { role: 'supervisor', regions: ['Kampala'] });

  const other = { id: 9090, first_name: 'Eve', language_code: 'en' };
  fake.pushUpdate(fake.deepLinkStart(code, { user: other }));
  await fake.waitForCall('sendMessage', (c) => String(c.params.chat_id) === '9090', { timeoutMs: 5000 });
  assert.match(fake.messages(9090).at(-1)!.text, /That invite is not valid/);

  await demo.sql`insert into invites (org_id, code, role, expires_at) values (${demo.org.id}, 'expired-code-16c', 'admin', now() - interval '1 hour')`;
  const answered = fake.messages(9090).length;
  fake.pushUpdate(fake.deepLinkStart('expired-code-16c', { user: other }));
  await waitUntil(() => fake.messages(9090).length > answered, 'an answer to the invite');
  assert.match(fake.messages(9090).at(-1)!.text, /That invite is not valid/);
  const [none] = await demo.sql<
    { n: number }[]
  >`select count(*)::int as n from chat_identities where external_id = '9090'`;
  assert.equal(none!.n, 0);
});

/** Waits (up to 5 s) until `done` holds: the bot paces itself at one message a second per chat. */
async function until(done: () => boolean, what: string) {
  for (let i = 0; i < 250; i++) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Pushes an update and waits until `done` holds. */
async function send(update: ReturnType<typeof fake.privateText>, done: () => boolean, what = 'the answer') {
  fake.pushUpdate(update);
  await until(done, what);
}

const wizardMessage = (): ReturnType<typeof fake.messages>[number] =>
  fake
    .messages(chat)
    .filter((m) =>
      (m.replyMarkup?.inline_keyboard ?? [])
        .flat()
        .some((b: { callback_data: string }) => b.callback_data.startsWith('w:')),
    )
    .at(-1)!;
/** Presses a wizard's button and waits for the wizard's message (or the chat) to change. */
async function press(label: string, done?: () => boolean) {
  const before = wizardMessage();
  const edits = before.edits;
  await send(
    fake.callbackQuery({ chatId: chat, messageId: before.messageId, button: label }),
    done ?? (() => wizardMessage().messageId !== before.messageId || wizardMessage().edits > edits),
    `the press of ${label}`,
  );
}
const wizardOpens = (pattern: RegExp) => () => pattern.test(wizardMessage()?.text ?? '');

test('a wizard survives a process restart: toggles pressed before and after it are both kept', async () => {
  const polls = async () =>
    (
      await demo.sql<
        { flow_name: string }[]
      >`select flow_name from polls where org_id = ${demo.org.id} and is_active order by flow_name`
    ).map((p) => p.flow_name);
  const before = await polls();
  await send(fake.privateText('/setup polls'), wizardOpens(/^Choose polls/));
  const opened = wizardMessage();
  assert.match(opened.text, /^Choose polls\nStep 1 of 1/);
  for (const b of (opened.replyMarkup!.inline_keyboard as { callback_data: string }[][]).flat())
    assert.ok(Buffer.byteLength(b.callback_data) <= telegramLimits.callbackData);
  // Untick the first poll, then restart the bot.
  await press(`✅ ${before[0]}`);
  assert.match(wizardMessage().text, new RegExp(`Chosen: ${before.length - 1}`));
  await bot.stop();
  bot = await startDemoBot(demo, fake);
  // The new process carries on with the same wizard: untick the second one and save.
  await press(`✅ ${before[1]}`);
  assert.match(wizardMessage().text, new RegExp(`Chosen: ${before.length - 2}`));
  // Taking polls away is asked first; the question is answered with its button.
  await press('Save', () => /^Take polls away\?/.test(lastText()));
  assert.match(fake.messages(chat).at(-2)!.text, /^✓ Choose polls/, 'the wizard’s message is closed');
  const question = fake.messages(chat).at(-1)!;
  const saved = () => fake.messages(chat).some((m) => /^Saved\. Polls: /m.test(m.text));
  await send(fake.callbackQuery({ chatId: chat, messageId: question.messageId, button: 'Take away and save' }), saved);
  assert.deepEqual(await polls(), before.slice(2));
  await demo.run('admin', `setup polls ${before.map((p) => `"${p}"`).join(' ')}`);
});

test('connecting RapidPro: only in a private chat; the token message is deleted; a refused token asks again', async () => {
  const group = -100123;
  const since = fake.calls().length;
  fake.pushUpdate(fake.groupCommand('setup', { args: 'connect', chat: { id: group } }));
  await fake.waitForCall('sendMessage', (c) => String(c.params.chat_id) === String(group), { since, timeoutMs: 5000 });
  assert.match(fake.messages(group).at(-1)!.text, /private chat/);

  await send(fake.privateText('/setup connect'), wizardOpens(/^Connect RapidPro\nStep 1 of 2/));
  assert.match(wizardMessage().text, /RapidPro address/);
  await send(fake.privateText(demo.simulator.url), wizardOpens(/Step 2 of 2\n\nAPI token/));

  const wrong = fake.privateText('not-the-token');
  await send(wrong, wizardOpens(/refused/));
  await fake.waitForCall(
    'deleteMessage',
    (c) => c.params.message_id === (wrong as { message: { message_id: number } }).message.message_id,
    { timeoutMs: 5000 },
  );
  assert.match(wizardMessage().text, /RapidPro refused that token/);
  assert.match(wizardMessage().text, /API token/, 'asked again for the token');

  const right = fake.privateText(demo.simulator.token);
  await send(right, () => /Connected to/.test(lastText()));
  await fake.waitForCall(
    'deleteMessage',
    (c) => c.params.message_id === (right as { message: { message_id: number } }).message.message_id,
    { timeoutMs: 5000 },
  );
  assert.match(lastText(), /Connected to Demo Schools/);
  const sent = JSON.stringify(
    fake
      .calls()
      .filter((c) => c.method !== 'deleteMessage')
      .map((c) => c.params),
  );
  assert.ok(!sent.includes(demo.simulator.token), 'the token was sent back nowhere');
  const [stored] = await demo.sql<
    { n: number }[]
  >`select count(*)::int as n from chat_dialogs where data::text like ${'%' + demo.simulator.token + '%'}`;
  assert.equal(stored!.n, 0, 'the token was never written into a wizard’s state');
});

test('/cancel leaves any wizard; its old buttons then do nothing', async () => {
  await send(fake.privateText('/setup parent'), wizardOpens(/^Arrange regions/));
  const opened = wizardMessage();
  await send(fake.privateText('/cancel'), () => /Closed; nothing was changed/.test(lastText()));
  assert.equal(fake.messages(chat).find((m) => m.messageId === opened.messageId)!.text, 'Closed; nothing was changed.');
  const [open] = await demo.sql<
    { n: number }[]
  >`select count(*)::int as n from chat_dialogs where chat_id = ${String(chat)}`;
  assert.equal(open!.n, 0);
});

test('arranging regions step by step, in Arabic: choices are paged and carry short ids', async () => {
  await demo.sql`update chat_identities set language = 'ar' where external_id = ${String(chat)}`;
  try {
    await send(fake.privateText('/setup parent'), wizardOpens(/^ترتيب المناطق/));
    const first = wizardMessage();
    const rows = first.replyMarkup!.inline_keyboard as { text: string; callback_data: string }[][];
    for (const b of rows.flat()) assert.ok(Buffer.byteLength(b.callback_data) <= telegramLimits.callbackData);
    await press('Kampala');
    const second = wizardMessage();
    assert.match(second.text, /الخطوة \u20682\u2069 من \u20682\u2069/, 'numbers isolated in right-to-left text');
    // The regions run over more than one page: the last row but one is the pager.
    const pager = (second.replyMarkup!.inline_keyboard as { text: string }[][]).at(-2)!.map((b) => b.text);
    assert.ok(
      pager.some((t) => /المزيد/.test(t)),
      `a next page (${pager.join(' | ')})`,
    );
    await press('Central', () => /Kampala/.test(lastText()));
    const [row] = await demo.sql<
      { parent: string }[]
    >`select p.name as parent from regions r join regions p on p.id = r.parent_id where r.name = 'Kampala' and r.org_id = ${demo.org.id}`;
    assert.equal(row!.parent, 'Central');
  } finally {
    await demo.sql`update chat_identities set language = null where external_id = ${String(chat)}`;
  }
});

test('linking a region to a map boundary step by step', async () => {
  await send(fake.privateText('/setup boundary'), wizardOpens(/^Map boundary/));
  await press('Nakawa');
  assert.match(wizardMessage().text, /Drawn with the boundary/);
  await press('Kampala (R3001)', () => /Nakawa is drawn on maps with the boundary Kampala \(R3001\)/.test(lastText()));
  await demo.run('admin', 'setup boundary Nakawa none');
});

test('inviting a supervisor step by step answers with a link for the regions ticked', async () => {
  await send(fake.privateText('/invite supervisor'), wizardOpens(/^Invite a supervisor/));
  await press('▫️ Gulu');
  assert.match(wizardMessage().text, /Chosen: 1/);
  await press('Create invite', () => /t\.me\/tracbot_test_bot\?start=/.test(lastText()));
  const code = /start=([\w-]+)/.exec(lastText())![1]!;
  const [invite] = await demo.sql<{ role: string; regions: string[] }[]>`
    select role, array(select name from regions where id = any(region_ids)) as regions from invites where code = ${code}`;
  assert.deepEqual(invite, { role: 'supervisor', regions: ['Gulu'] });
});
