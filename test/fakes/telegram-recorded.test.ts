// The fake Bot API answers in the shape Telegram answers and refuses with Telegram's status,
// error_code and wording; the updates it builds have the shape of recorded ones. Each is compared
// with a recording (test/fixtures/telegram/, sources in its README): a fake that drifts from
// Telegram — a renamed key, a string where Telegram sends a number, a key it always sends left
// out — fails here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillIn, recorded, type RecordedError, shapeDifferences, type ShapeOptions, wordingOf } from './recorded.ts';
import { DEFAULT_GROUP, DEFAULT_USER, startFakeTelegram, tinyPng, type FakeTelegram } from './telegram-api.ts';

async function setUp(t: import('node:test').TestContext) {
  const fake = await startFakeTelegram();
  t.after(() => fake.close());
  return fake;
}

/** A Bot API call as a client makes it (JSON, or multipart for a file), and the answer as it arrives. */
async function call(fake: FakeTelegram, method: string, params: Record<string, unknown> | FormData) {
  const res = await fetch(`${fake.url}/bot${fake.token}/${method}`, {
    method: 'POST',
    ...(params instanceof FormData
      ? { body: params }
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const same = (actual: unknown, recording: unknown, options?: ShapeOptions) =>
  assert.deepEqual(shapeDifferences(actual, recording, options), []);

/** A refusal as Telegram gives it: the status, error_code, the body's shape and the wording. */
function sameRefusal(answer: Awaited<ReturnType<typeof call>>, fixture: string) {
  const expected = recorded<RecordedError>(`telegram/errors/${fixture}.json`);
  assert.equal(answer.status, expected.status, fixture);
  assert.equal(answer.body.error_code, expected.body.error_code, fixture);
  assert.match(answer.body.description, wordingOf(expected.body.description));
  same(answer.body, expected.body);
}

// What Telegram leaves out when there is nothing to say (https://core.telegram.org/bots/api#user,
// #chat): a bot has no last name or language; a person may have no last name or username.
const unsaid = ['from.last_name', 'from.language_code', 'chat.last_name', 'chat.username'];
const either = (paths: string[], prefix = ''): ShapeOptions => ({ loose: paths.map((p) => prefix + p) });

test('getMe, answerCallbackQuery and setMyCommands answer as Telegram does', async (t) => {
  const fake = await setUp(t);
  same((await call(fake, 'getMe', {})).body, recorded('telegram/responses/getMe.json'));
  const press = fake.pushUpdate(fake.callbackQuery(await pressable(fake))) as { callback_query: { id: string } };
  const answered = await call(fake, 'answerCallbackQuery', { callback_query_id: press.callback_query.id });
  same(answered.body, recorded('telegram/responses/true.json'));
  const commands = await call(fake, 'setMyCommands', { commands: [{ command: 'polls', description: 'Polls' }] });
  same(commands.body, recorded('telegram/responses/true.json'));
});

test('sendMessage and sendPhoto answer with the Message as Telegram returns it', async (t) => {
  const fake = await setUp(t);
  fake.pushUpdate(fake.privateText('hello'));
  const text = recorded('telegram/messages/text.json');
  const plain = await call(fake, 'sendMessage', { chat_id: DEFAULT_USER.id, text: 'Polls' });
  same(plain.body, { ok: true, result: text }, either(unsaid, 'result.'));

  // Entities are as in a recorded command (messages/…group-command-reply); the keyboard is the
  // Message's `reply_markup` (Bot API, Message; tdlib/telegram-bot-api Client.cpp JsonMessage).
  const marked = await call(fake, 'sendMessage', {
    chat_id: DEFAULT_USER.id,
    text: '<b>Polls</b> this week',
    parse_mode: 'HTML',
    reply_markup: { inline_keyboard: [[{ text: 'Refresh', callback_data: 'r:1' }]] },
  });
  same(marked.body.result, text, { ...either(unsaid), extra: ['entities', 'reply_markup'] });
  same(marked.body.result.entities, recorded('telegram/updates/group-command-reply.json').message.entities);

  const form = new FormData();
  form.set('chat_id', String(DEFAULT_USER.id));
  form.set('caption', '<b>Attendance</b>');
  form.set('parse_mode', 'HTML');
  form.set('photo', new Blob([tinyPng(40, 20)], { type: 'image/png' }), 'chart.png');
  const photo = await call(fake, 'sendPhoto', form);
  same(photo.body.result, recorded('telegram/messages/photo-caption.json'), either(unsaid));
});

test('the updates the fake builds have the shape of recorded ones', async (t) => {
  const fake = await setUp(t);
  const inPrivate = recorded('telegram/updates/private-text.json');
  // The recorded message had a link preview turned off; a command has bot_command entities.
  same(fake.privateText('/polls'), inPrivate, {
    ...either(unsaid, 'message.'),
    optional: ['message.link_preview_options'],
    extra: ['message.entities'],
  });
  const inGroup = recorded('telegram/updates/group-command-reply.json');
  // A group without a public @name has no `username`; the recorded command was in a forum topic,
  // answering a story.
  const groupOnly = ['message.chat.username', 'message.message_thread_id', 'message.reply_to_message'];
  same(fake.groupCommand('polls'), inGroup, { ...either(unsaid, 'message.'), optional: groupOnly });
  const sent = await call(fake, 'sendMessage', { chat_id: DEFAULT_GROUP.id, text: 'Polls' });
  same(fake.groupReply('and Gulu?', sent.body.result.message_id), inGroup, {
    ...either(unsaid, 'message.'),
    optional: [
      ...groupOnly.slice(0, 2),
      'message.entities',
      'message.reply_to_message.chat.username',
      'message.reply_to_message.story',
    ],
    extra: ['message.reply_to_message.text'],
  });
  // A press under one of the bot's messages comes with that `message`, not an inline message's id.
  same(fake.callbackQuery(await pressable(fake)), recorded('telegram/updates/callback-query-inline.json'), {
    optional: ['callback_query.inline_message_id'],
    extra: ['callback_query.message'],
  });
});

test('refusals come with Telegram’s status, error_code and wording', async (t) => {
  const fake = await setUp(t);
  fake.pushUpdate(fake.privateText('hello'));
  const send = (params: Record<string, unknown>) => call(fake, 'sendMessage', { chat_id: DEFAULT_USER.id, ...params });
  fake.failNext('sendMessage', { retryAfter: 7 });
  const limited = await send({ text: 'x' });
  sameRefusal(limited, 'too-many-requests');
  assert.equal(limited.body.parameters.retry_after, 7);
  sameRefusal(await send({ text: 'x'.repeat(4097) }), 'message-too-long');
  const tooLong = [[{ text: 'A', callback_data: 'x'.repeat(65) }]];
  sameRefusal(await send({ text: 'Pick', reply_markup: { inline_keyboard: tooLong } }), 'button-data-invalid');
  sameRefusal(await send({ text: 'Gulu <br> Lira', parse_mode: 'HTML' }), 'cant-parse-entities');
  // A user blocks the bot: Telegram tells the bot so, and refuses what it sends them after.
  const blocked = fillIn(recorded('telegram/updates/my-chat-member-kicked.json'), {
    'my_chat_member.chat.id': 9002,
    'my_chat_member.from.id': 9002,
    'my_chat_member.new_chat_member.user.id': fake.botUser.id,
    'my_chat_member.old_chat_member.user.id': fake.botUser.id,
  });
  fake.pushUpdate(blocked);
  sameRefusal(await call(fake, 'sendMessage', { chat_id: 9002, text: 'Please answer poll 7' }), 'bot-blocked');
});

/** A message of the bot's with a button, and which one to press. */
async function pressable(fake: FakeTelegram) {
  const reply_markup = { inline_keyboard: [[{ text: 'Refresh', callback_data: 'r:1' }]] };
  const sent = await call(fake, 'sendMessage', { chat_id: DEFAULT_GROUP.id, text: 'Polls', reply_markup });
  return { chatId: DEFAULT_GROUP.id, messageId: sent.body.result.message_id as number, button: 'Refresh' };
}
