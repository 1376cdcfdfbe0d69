// The fake Telegram Bot API, checked with the real telegraf against it (long polling, webhook,
// multipart uploads, errors) and with raw HTTP where telegraf would hide the wire format.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Input, Markup, Telegraf, TelegramError } from 'telegraf';
import { message } from 'telegraf/filters';
import { serve } from '../helpers/serve.ts';
import {
  DEFAULT_GROUP,
  DEFAULT_USER,
  parseHtml,
  startFakeTelegram,
  tinyPng,
  type FakeTelegram,
} from './telegram-api.ts';
import { parseMultipart } from './multipart.ts';
import { scaled } from '../helpers/slowness.ts';

async function fakeFor(
  t: { after: (fn: () => Promise<void>) => void },
  options?: Parameters<typeof startFakeTelegram>[0],
) {
  const fake = await startFakeTelegram(options);
  t.after(() => fake.close());
  return fake;
}

function botFor(fake: FakeTelegram, webhookReply = false) {
  return new Telegraf(fake.token, { telegram: { apiRoot: fake.url, webhookReply } });
}

async function api(fake: FakeTelegram, method: string, params: Record<string, unknown> = {}, token = fake.token) {
  const response = await fetch(`${fake.url}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      ok: boolean;
      result?: any;
      error_code?: number;
      description?: string;
      parameters?: { retry_after?: number };
    },
  };
}

async function refused(promise: Promise<unknown>, code: number, description: string | RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof TelegramError, `expected a TelegramError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (typeof description === 'string') assert.equal(error.description, description);
    else assert.match(error.description, description);
    return true;
  });
}

test('long polling: a pushed /help reaches the bot and its reply lands in the fake; stop confirms the offset', async (t) => {
  const fake = await fakeFor(t);
  const bot = botFor(fake);
  const seen: Array<string | undefined> = [];
  bot.command('help', async (ctx) => {
    seen.push(ctx.from.language_code);
    await ctx.reply(`<b>Commands</b> for ${ctx.from.first_name}: /polls`, { parse_mode: 'HTML' });
  });
  const stopped = bot.launch();
  await fake.waitForLongPoll(); // the bot is idle in getUpdates
  const started = Date.now();
  fake.pushUpdate(fake.privateText('/help', { languageCode: 'ar' }));
  const sent = await fake.waitForCall('sendMessage');
  assert.ok(Date.now() - started < scaled(1000), 'the waiting getUpdates answered as soon as the update arrived');
  assert.ok(sent.ok);
  assert.deepEqual(seen, ['ar']);
  const [reply] = fake.messages(DEFAULT_USER.id);
  assert.equal(reply!.text, 'Commands for Amina: /polls');
  assert.deepEqual(reply!.entities, [{ type: 'bold', offset: 0, length: 8 }]);
  assert.equal(reply!.messageId, 2, 'the user message was 1 in the same chat');
  bot.stop('test over');
  await stopped;
  assert.deepEqual(
    fake
      .calls()
      .slice(0, 3)
      .map((c) => c.method),
    ['getMe', 'deleteWebhook', 'getUpdates'],
  );
  assert.deepEqual(fake.pendingUpdates(), [], 'telegraf confirmed the update on stop');
});

test('getUpdates: offset confirms, timeout waits, a second poller ends the first with 409', async (t) => {
  const fake = await fakeFor(t);
  const a = fake.pushUpdate(fake.privateText('one'));
  const b = fake.pushUpdate(fake.groupCommand('report', { args: 'week 12' }));
  assert.ok(b.update_id > a.update_id);
  const both = await api(fake, 'getUpdates', { offset: 0 });
  assert.deepEqual(
    both.body.result.map((u: { update_id: number }) => u.update_id),
    [a.update_id, b.update_id],
  );
  const command = both.body.result[1].message;
  assert.equal(command.text, '/report@tracbot_test_bot week 12');
  assert.deepEqual(command.entities, [{ type: 'bot_command', offset: 0, length: '/report@tracbot_test_bot'.length }]);
  assert.equal(command.chat.type, 'supergroup');
  assert.equal(
    (await api(fake, 'getUpdates', { offset: b.update_id, limit: 5 })).body.result.length,
    1,
    'offset keeps the update it names',
  );
  assert.deepEqual((await api(fake, 'getUpdates', { offset: b.update_id + 1 })).body.result, []);

  const waiting = api(fake, 'getUpdates', { offset: b.update_id + 1, timeout: 5 });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const pushed = fake.pushUpdate(fake.deepLinkStart('invite-42'));
  const answered = await waiting;
  assert.deepEqual(
    answered.body.result.map((u: { update_id: number }) => u.update_id),
    [pushed.update_id],
  );
  assert.equal(answered.body.result[0].message.text, '/start invite-42');
  assert.deepEqual(answered.body.result[0].message.entities, [{ type: 'bot_command', offset: 0, length: 6 }]);

  const first = api(fake, 'getUpdates', { offset: pushed.update_id + 1, timeout: 5 });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const second = api(fake, 'getUpdates', { offset: pushed.update_id + 1, timeout: 1 });
  const conflict = await first;
  assert.equal(conflict.status, 409);
  assert.equal(
    conflict.body.description,
    'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  );
  const timedOut = Date.now();
  assert.deepEqual((await second).body.result, []);
  assert.ok(Date.now() - timedOut > 700, 'an empty long poll waits out its timeout');
});

test('inline keyboards: callback_data is limited to 64 bytes of UTF-8', async (t) => {
  const fake = await fakeFor(t);
  const bot = botFor(fake);
  const chat = DEFAULT_USER.id;
  // 65 ASCII bytes: telegram-recorded.test.ts; here the bytes of UTF-8.
  await refused(
    bot.telegram.sendMessage(chat, 'Pick', Markup.inlineKeyboard([Markup.button.callback('Gulu', 'é'.repeat(33))])),
    400,
    'Bad Request: BUTTON_DATA_INVALID',
  );
  const ok = await bot.telegram.sendMessage(
    chat,
    'Pick',
    Markup.inlineKeyboard([
      Markup.button.callback('A', 'x'.repeat(64)),
      Markup.button.callback('Gulu', 'é'.repeat(32)),
    ]),
  );
  assert.equal(ok.message_id, 1);
  await refused(
    bot.telegram.sendMessage(chat, 'Pick', {
      reply_markup: { inline_keyboard: [{ text: 'flat', callback_data: 'x' }] } as never,
    }),
    400,
    'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
  );
  await refused(
    bot.telegram.sendMessage(chat, 'Pick', { reply_markup: { inline_keyboard: [[{ text: 'no action' }]] } as never }),
    400,
    "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
  );
  assert.equal(fake.calls('sendMessage').filter((c) => c.ok).length, 1);
});

test('HTML parse_mode: malformed or unsupported markup is refused the way Telegram words it', async (t) => {
  const fake = await fakeFor(t);
  const bot = botFor(fake);
  const send = (text: string) => bot.telegram.sendMessage(DEFAULT_USER.id, text, { parse_mode: 'HTML' });
  await refused(
    send('<b>Participation'),
    400,
    `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`,
  );
  await refused(
    send('Gulu <br> Lira'),
    400,
    `Bad Request: can't parse entities: Unsupported start tag "br" at byte offset 5`,
  );
  await refused(
    send('rate < 50%'),
    400,
    `Bad Request: can't parse entities: Unsupported start tag "" at byte offset 5`,
  );
  await refused(send('Tom & Jerry'), 400, /^Bad Request: can't parse entities: Character "&" must be escaped/);
  await refused(send('<b> </b>'), 400, 'Bad Request: message text is empty');
  await refused(
    bot.telegram.sendMessage(DEFAULT_USER.id, 'x', { parse_mode: 'XML' as never }),
    400,
    'Bad Request: unsupported parse_mode',
  );
  await send(`<b>${'x'.repeat(4096)}</b>`); // the limit applies after parsing
  await send('😀'.repeat(4096)); // and counts characters, not UTF-16 units
  const ok = await send('Tom &amp; Jerry &lt;3 &#39;ok&#39; <a href="https://example.org/?a=1&amp;b=2">link</a>');
  assert.equal(ok.text, "Tom & Jerry <3 'ok' link");
  assert.deepEqual(ok.entities, [{ type: 'text_link', offset: 20, length: 4, url: 'https://example.org/?a=1&b=2' }]);
});

test('the HTML parser follows Telegram on offsets, nesting and attributes', () => {
  const error = (markup: string) => {
    try {
      parseHtml(markup);
    } catch (e) {
      return (e as Error).message;
    }
    return 'parsed';
  };
  assert.equal(error('x</b>'), 'Unexpected end tag at byte offset 1');
  assert.equal(error('<b>x</i>'), 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"');
  assert.equal(error('<b>x</b'), 'Unclosed end tag at byte offset 4');
  assert.equal(error('é<b'), 'Unclosed start tag at byte offset 2');
  assert.equal(error('<i =x>y</i>'), 'Empty attribute name in the tag "i" at byte offset 0');
  assert.equal(error('<a href=x/>y</a>'), 'Unexpected end of name token at byte offset 8');
  assert.equal(error('<span>x</span>'), 'Tag "span" must have class "tg-spoiler" at byte offset 0');
  assert.equal(error('<i aba>x'), `Can't find end tag corresponding to start tag "i"`);
  assert.deepEqual(parseHtml('  <B>Gulu</B> <i>🏟 x</>  '), {
    text: 'Gulu 🏟 x',
    entities: [
      { type: 'bold', offset: 0, length: 4 },
      { type: 'italic', offset: 5, length: 4 },
    ],
  });
  assert.deepEqual(parseHtml('<pre><code class="language-ts">let x</code></pre>').entities, [
    { type: 'pre', offset: 0, length: 5, language: 'ts' },
  ]);
  assert.deepEqual(
    parseHtml(
      '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler><blockquote expandable>q</blockquote>',
    ).entities.map((e) => e.type),
    ['spoiler', 'spoiler', 'expandable_blockquote'],
  );
  assert.deepEqual(parseHtml('<a href="tg://user?id=42">Amina</a>').entities[0]?.type, 'text_mention');
  assert.equal(
    parseHtml('a & b &laquo;', { strictAmpersand: false }).text,
    'a & b &laquo;',
    'Telegram keeps unknown references as text',
  );
});

test('pacing: 1 message/s in a private chat, 20/min in a group', async (t) => {
  let now = 1_760_000_000_000;
  const fake = await fakeFor(t, { pacing: true, now: () => now });
  const bot = botFor(fake);
  await bot.telegram.sendMessage(DEFAULT_USER.id, 'one');
  await refused(bot.telegram.sendMessage(DEFAULT_USER.id, 'two'), 429, 'Too Many Requests: retry after 1');
  now += 1000;
  await bot.telegram.sendMessage(DEFAULT_USER.id, 'two');
  for (let i = 0; i < 20; i++) {
    await bot.telegram.sendMessage(DEFAULT_GROUP.id, `n${i}`);
    now += 100;
  }
  await refused(bot.telegram.sendMessage(DEFAULT_GROUP.id, 'too many'), 429, 'Too Many Requests: retry after 58');
  fake.setPacing(false);
  await bot.telegram.sendMessage(DEFAULT_GROUP.id, 'unpaced');
});

test('webhook: the secret header decides 403 or 200; getUpdates conflicts while it is set', async (t) => {
  const fake = await fakeFor(t);
  const bot = botFor(fake);
  bot.on(message('text'), (ctx) => ctx.reply(`got ${ctx.message.text}`));
  const callback = bot.webhookCallback('/telegram/hook', { secretToken: 'right-secret' });
  const hook = await serve((req, res) => void callback(req, res));
  t.after(() => hook.close());
  await assert.rejects(fake.deliverWebhook(fake.privateText('early')), /no webhook is set/);
  await refused(
    bot.telegram.setWebhook(`${hook.url}/telegram/hook`, { secret_token: 'not+base64/' }),
    400,
    'Bad Request: secret token contains unallowed characters',
  );
  assert.equal(await bot.telegram.setWebhook(`${hook.url}/telegram/hook`, { secret_token: 'right-secret' }), true);
  assert.deepEqual(fake.webhook(), { url: `${hook.url}/telegram/hook`, secretToken: 'right-secret' });

  assert.equal(await fake.deliverWebhook(fake.privateText('forged'), { secret: 'wrong-secret' }), 403);
  assert.equal(await fake.deliverWebhook(fake.privateText('forged'), { secret: null }), 403);
  assert.equal(
    (await bot.telegram.getWebhookInfo()).last_error_message,
    'Wrong response from the webhook: 403 Forbidden',
  );
  assert.equal(await fake.deliverWebhook(fake.privateText('hello'), { secret: 'right-secret' }), 200);
  assert.deepEqual(
    fake.messages(DEFAULT_USER.id).map((m) => m.text),
    ['got hello'],
  );
  assert.equal(await fake.deliverWebhook(fake.privateText('again')), 200, 'by default the registered secret is sent');

  await refused(
    bot.telegram.callApi('getUpdates', {}),
    409,
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  );
  await bot.telegram.deleteWebhook();
  assert.equal(fake.webhook(), null);
  assert.deepEqual(await bot.telegram.callApi('getUpdates', {}), []);
});

test("webhook replies: a method written into the webhook response is executed (telegraf's webhookReply)", async (t) => {
  const fake = await fakeFor(t);
  const bot = botFor(fake, true);
  const sent = await bot.telegram.sendMessage(
    DEFAULT_USER.id,
    'Start the poll?',
    Markup.inlineKeyboard([Markup.button.callback('Yes', 'poll:7:yes'), Markup.button.callback('No', 'poll:7:no')]),
  );
  const data: string[] = [];
  bot.on('callback_query', async (ctx) => {
    if ('data' in ctx.callbackQuery) data.push(ctx.callbackQuery.data);
    await ctx.answerCbQuery('Started');
  });
  const callback = bot.webhookCallback('/hook');
  const hook = await serve((req, res) => void callback(req, res));
  t.after(() => hook.close());
  await bot.telegram.setWebhook(`${hook.url}/hook`);
  const press = fake.callbackQuery({ chatId: DEFAULT_USER.id, messageId: sent.message_id, button: 'Yes' });
  assert.equal(await fake.deliverWebhook(press), 200);
  assert.deepEqual(data, ['poll:7:yes']);
  const [answer] = fake.calls('answerCallbackQuery');
  assert.equal(answer?.via, 'webhook-reply');
  assert.equal(answer?.ok, true);
  assert.equal(answer?.params.text, 'Started');
  // A query can be answered once.
  const again = await api(fake, 'answerCallbackQuery', {
    callback_query_id: (press as { callback_query: { id: string } }).callback_query.id,
  });
  assert.equal(
    again.body.description,
    'Bad Request: query is too old and response timeout expired or query ID is invalid',
  );
});

test('files: sendPhoto and sendDocument from Buffers arrive as multipart and are recorded byte for byte', async (t) => {
  const fake = await fakeFor(t);
  const bot = botFor(fake);
  const png = tinyPng(40, 20);
  const photo = await bot.telegram.sendPhoto(DEFAULT_GROUP.id, Input.fromBuffer(png, 'chart.png'), {
    caption: '<b>Week 12</b> participation',
    parse_mode: 'HTML',
  });
  assert.equal(photo.caption, 'Week 12 participation');
  assert.deepEqual(photo.caption_entities, [{ type: 'bold', offset: 0, length: 7 }]);
  assert.equal(photo.photo[0]?.width, 40);
  const csv = Buffer.concat([
    Buffer.from('region,rate\r\n--not-a-boundary\r\n\r\n'),
    Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  ]);
  await bot.telegram.sendDocument(DEFAULT_GROUP.id, Input.fromBuffer(csv, 'تقرير week 12.csv'), { caption: 'Export' });
  const [first, second] = fake.files();
  assert.deepEqual(
    [first?.method, first?.filename, first?.caption],
    ['sendPhoto', 'chart.png', 'Week 12 participation'],
  );
  assert.ok(first?.bytes?.equals(png));
  assert.deepEqual(
    [second?.method, second?.filename, second?.caption],
    ['sendDocument', 'تقرير week 12.csv', 'Export'],
  );
  assert.ok(second?.bytes?.equals(csv));
  assert.equal(fake.messages(DEFAULT_GROUP.id)[1]?.message.document.mime_type, 'text/csv');
  // A file_id from an earlier upload can be sent again without bytes.
  await bot.telegram.sendPhoto(DEFAULT_USER.id, photo.photo[0]!.file_id);
  assert.equal(fake.files()[2]?.bytes, undefined);
  await refused(
    bot.telegram.sendPhoto(DEFAULT_GROUP.id, Input.fromBuffer(Buffer.from('not an image'), 'x.png')),
    400,
    'Bad Request: IMAGE_PROCESS_FAILED',
  );
  await refused(
    bot.telegram.sendDocument(DEFAULT_GROUP.id, Input.fromBuffer(csv, 'a.csv'), { caption: 'c'.repeat(1025) }),
    400,
    'Bad Request: message caption is too long',
  );
});

test('edits: not-modified is refused, an edit without reply_markup drops the keyboard, deletes are tracked', async (t) => {
  const fake = await fakeFor(t);
  const bot = botFor(fake);
  const chat = DEFAULT_USER.id;
  const keyboard = Markup.inlineKeyboard([Markup.button.callback('Next', 'page:2')]);
  const sent = await bot.telegram.sendMessage(chat, 'Page 1', keyboard);
  await refused(
    bot.telegram.editMessageText(chat, sent.message_id, undefined, 'Page 1', keyboard),
    400,
    /^Bad Request: message is not modified/,
  );
  await bot.telegram.editMessageText(chat, sent.message_id, undefined, 'Page 2');
  assert.equal(fake.message(chat, sent.message_id)?.text, 'Page 2');
  assert.equal(fake.message(chat, sent.message_id)?.replyMarkup, undefined);
  await refused(
    bot.telegram.editMessageReplyMarkup(chat, sent.message_id, undefined, undefined),
    400,
    /^Bad Request: message is not modified/,
  );
  await bot.telegram.editMessageReplyMarkup(chat, sent.message_id, undefined, keyboard.reply_markup);
  assert.deepEqual(fake.messages(chat)[0]?.replyMarkup, keyboard.reply_markup);
  assert.equal(fake.messages(chat)[0]?.edits, 2);
  assert.equal(await bot.telegram.deleteMessage(chat, sent.message_id), true);
  await refused(bot.telegram.deleteMessage(chat, sent.message_id), 400, 'Bad Request: message to delete not found');
  await refused(
    bot.telegram.editMessageText(chat, sent.message_id, undefined, 'Page 3'),
    400,
    'Bad Request: message to edit not found',
  );
  assert.deepEqual(fake.messages(chat), []);
});

test('private chats: 403 until the user starts the bot; blocked users stay unreachable', async (t) => {
  const fake = await fakeFor(t, { unstartedUsers: [9001], blockedUsers: [9002] });
  const bot = botFor(fake);
  await refused(
    bot.telegram.sendMessage(9001, 'Please answer poll 7'),
    403,
    "Forbidden: bot can't initiate conversation with a user",
  );
  await refused(bot.telegram.sendMessage(9002, 'Please answer poll 7'), 403, 'Forbidden: bot was blocked by the user');
  await refused(bot.telegram.sendChatAction(9002, 'typing'), 403, 'Forbidden: bot was blocked by the user');
  fake.pushUpdate(fake.deepLinkStart('onboard', { user: { id: 9001, first_name: 'Okot' } }));
  await bot.telegram.sendMessage(9001, 'Welcome');
  assert.equal((await bot.telegram.getChat(9001)).id, 9001);
  await refused(bot.telegram.getChat(123456), 400, 'Bad Request: chat not found');
});

test('setMyCommands: names, descriptions, and one list per scope and language', async (t) => {
  const fake = await fakeFor(t);
  const bot = botFor(fake);
  await refused(
    bot.telegram.setMyCommands([{ command: 'Help', description: 'Help' }]),
    400,
    'Bad Request: BOT_COMMAND_INVALID',
  );
  await refused(
    bot.telegram.setMyCommands([{ command: 'x'.repeat(33), description: 'Help' }]),
    400,
    'Bad Request: BOT_COMMAND_INVALID',
  );
  await refused(
    bot.telegram.setMyCommands([{ command: 'help', description: ' ' }]),
    400,
    'Bad Request: command description must be non-empty',
  );
  await refused(
    bot.telegram.setMyCommands([{ command: 'help', description: 'd'.repeat(257) }]),
    400,
    'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID',
  );
  const english = [{ command: 'polls', description: 'List active polls' }];
  const arabic = [{ command: 'polls', description: 'عرض الاستطلاعات' }];
  await bot.telegram.setMyCommands(english);
  await bot.telegram.setMyCommands(arabic, { scope: { type: 'all_group_chats' }, language_code: 'ar' });
  assert.deepEqual(await bot.telegram.getMyCommands(), english);
  assert.deepEqual(
    await bot.telegram.getMyCommands({ scope: { type: 'all_group_chats' }, language_code: 'ar' }),
    arabic,
  );
  assert.deepEqual(await bot.telegram.getMyCommands({ language_code: 'ar' }), []);
  assert.deepEqual(fake.commands({ type: 'all_group_chats' }, 'ar'), arabic);
});

test('the wire: token, unknown methods, urlencoded bodies, multipart framing', async (t) => {
  const fake = await fakeFor(t);
  assert.deepEqual((await api(fake, 'getMe', {}, '1:wrong')).body, {
    ok: false,
    error_code: 401,
    description: 'Unauthorized',
  });
  const unknown = await api(fake, 'sendPoll', { chat_id: 1 });
  assert.equal(unknown.status, 404);
  assert.deepEqual(unknown.body, { ok: false, error_code: 404, description: 'Not Found: method not found' });
  const form = new URLSearchParams({
    chat_id: String(DEFAULT_GROUP.id),
    text: 'via form',
    reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] }),
  });
  const response = await fetch(`${fake.url}/bot${fake.token}/sendmessage`, { method: 'POST', body: form });
  const body = (await response.json()) as { result: { chat: { id: number }; reply_markup: unknown } };
  assert.equal(body.result.chat.id, DEFAULT_GROUP.id, 'chat_id from a form is a number, method names ignore case');
  assert.deepEqual(body.result.reply_markup, { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] });
  const get = await fetch(`${fake.url}/bot${fake.token}/getMe`);
  assert.equal(((await get.json()) as { result: { username: string } }).result.username, 'tracbot_test_bot');

  const raw = Buffer.concat([
    Buffer.from('preamble\r\n--XyZ\r\ncontent-disposition:form-data; name="chat_id"\r\n\r\n42\r\n--XyZ  \r\n'),
    Buffer.from(
      'Content-Disposition: form-data; name="document"; filename="a \\"b\\".bin"\r\nContent-Type: application/octet-stream\r\n\r\n',
    ),
    Buffer.from('\r\n--Xy\r\n-XyZ\n--XyZ'),
    Buffer.from('\r\n--XyZ--\r\n'),
  ]);
  const parts = parseMultipart(raw, 'XyZ');
  assert.deepEqual(
    parts.map((p) => [p.name, p.filename, p.contentType]),
    [
      ['chat_id', undefined, undefined],
      ['document', 'a "b".bin', 'application/octet-stream'],
    ],
  );
  assert.equal(parts[1]?.data.toString('latin1'), '\r\n--Xy\r\n-XyZ\n--XyZ');
  assert.throws(
    () => parseMultipart(Buffer.from('--XyZ\r\ncontent-disposition: form-data; name="a"\r\n\r\nno end'), 'XyZ'),
    /closing boundary/,
  );
});
