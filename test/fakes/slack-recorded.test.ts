// The fake Slack answers in the shape Slack answers, and refuses with Slack's status, headers and
// error names: each answer is compared with a recording (test/fixtures/slack/, sources in its
// README). A fake that drifts from Slack — a renamed key, a number where Slack sends a string, a
// key Slack always sends left out — fails here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOT_TOKEN, startFakeSlack } from './slack-api.ts';
import { recorded, type RecordedError, shapeDifferences, type ShapeOptions } from './recorded.ts';

async function setUp(t: import('node:test').TestContext) {
  const fake = await startFakeSlack();
  t.after(() => fake.close());
  fake.addConversation('C1');
  fake.addConversation('C0OUT', { botIn: false });
  fake.addConversation('C0FEW', { members: ['U0ADA'] });
  /** A Web API call as the Web API client makes it, and the answer as it arrives. */
  const call = async (method: string, body: Record<string, unknown>) => {
    const res = await fetch(`${fake.apiUrl}${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
  };
  return { fake, call };
}

const sameShape = (answer: unknown, fixture: string, options?: ShapeOptions) =>
  assert.deepEqual(shapeDifferences(answer, recorded(`slack/web-api/${fixture}.json`), options), [], fixture);

/** A refusal as Slack gives it: the status, the headers the recording has, the body's shape and error name. */
function sameRefusal(answer: Awaited<ReturnType<Awaited<ReturnType<typeof setUp>>['call']>>, fixture: string) {
  const expected = recorded<RecordedError>(`slack/errors/${fixture}.json`);
  assert.equal(answer.status, expected.status, `${fixture}: status`);
  for (const name of Object.keys(expected.headers ?? {})) assert.ok(answer.headers.get(name), `${fixture}: ${name}`);
  assert.equal(answer.body.error, expected.body.error);
  assert.deepEqual(shapeDifferences(answer.body, expected.body), [], fixture);
}

const section = (text: string) => ({ type: 'section', text: { type: 'plain_text', text } });
const modal = { type: 'modal', title: { type: 'plain_text', text: 'Pick' }, blocks: [section('hello')] };
// What an app sends is its own (blocks, state): only its type is compared, not its contents.
const loose = ['message.blocks', 'view.blocks', 'view.state.values'];

test('auth.test, users.info and conversations.open answer as Slack does', async (t) => {
  const { call } = await setUp(t);
  // A bot token's auth.test also names the bot (`bot_id`, in the method's documented answer).
  sameShape((await call('auth.test', {})).body, 'auth.test', { extra: ['bot_id'] });
  // `locale` comes with include_locale=true, which the recording did not ask for.
  sameShape((await call('users.info', { user: 'U0ADA', include_locale: true })).body, 'users.info', {
    extra: ['user.locale'],
  });
  sameShape((await call('conversations.open', { users: 'U0ADA' })).body, 'conversations.open');
});

test('chat.postMessage, chat.postEphemeral and chat.update answer as Slack does', async (t) => {
  const { call } = await setUp(t);
  const posted = (await call('chat.postMessage', { channel: 'C1', text: 'hello', blocks: [section('hello')] })).body;
  // The recorded example is a message posted under a custom name (`username`, `subtype:
  // bot_message`) with an attachment; a bot user's message is as in the captured chat.update.
  sameShape(posted, 'chat.postMessage', {
    optional: ['message.attachments', 'message.username', 'message.subtype'],
    extra: ['message.user', 'message.app_id', 'message.team'],
    loose,
  });
  const updateAnswer = recorded('slack/web-api/chat.update.json');
  // chat.postMessage's message also has its `ts` (as in its recorded answer).
  const botMessage = { optional: ['bot_profile', 'edited'], extra: ['ts'], loose: ['blocks'] };
  assert.deepEqual(shapeDifferences(posted.message, updateAnswer.message, botMessage), []);

  sameShape(
    (await call('chat.postEphemeral', { channel: 'C0FEW', user: 'U0ADA', text: 'hi' })).body,
    'chat.postEphemeral',
  );

  const updated = (
    await call('chat.update', { channel: 'C1', ts: posted.ts, text: 'again', blocks: [section('again')] })
  ).body;
  // The bot's profile (`bot_profile`) is left out: nothing reads it.
  sameShape(updated, 'chat.update', { optional: ['message.bot_profile'], loose });
});

test('views.open answers with the view as Slack keeps it', async (t) => {
  const { fake, call } = await setUp(t);
  const opened = (await call('views.open', { trigger_id: fake.triggerId(), view: modal })).body;
  // A modal without a submit button has no `submit`.
  sameShape(opened, 'views.open', { optional: ['view.submit'], loose });
  const withSubmit = { ...modal, submit: { type: 'plain_text', text: 'Save' }, callback_id: 'dialog:x' };
  const updated = await call('views.update', { view_id: opened.view.id, hash: opened.view.hash, view: withSubmit });
  sameShape(updated.body, 'views.open', { loose });
});

test('files.getUploadURLExternal and files.completeUploadExternal answer as Slack does', async (t) => {
  const { call } = await setUp(t);
  const url = (await call('files.getUploadURLExternal', { filename: 'export.csv', length: 4 })).body;
  sameShape(url, 'files.getUploadURLExternal');
  await fetch(url.upload_url, { method: 'POST', body: 'a,b\n' });
  const done = (await call('files.completeUploadExternal', { files: [{ id: url.file_id }], channel_id: 'C1' })).body;
  sameShape(done, 'files.completeUploadExternal');
});

test('refusals come with Slack’s status, headers and error names', async (t) => {
  const { fake, call } = await setUp(t);
  sameRefusal(await call('chat.postMessage', { channel: 'C0NONE', text: 'x' }), 'channel_not_found');
  sameRefusal(await call('chat.postMessage', { channel: 'C0OUT', text: 'x' }), 'not_in_channel');
  sameRefusal(await call('chat.postEphemeral', { channel: 'C0FEW', user: 'U0BOB', text: 'x' }), 'user_not_in_channel');
  const tooMany = Array.from({ length: 51 }, () => section('a'));
  sameRefusal(await call('chat.postMessage', { channel: 'C1', text: 'x', blocks: tooMany }), 'invalid_blocks');
  sameRefusal(await call('chat.postMessage', { channel: 'C1', text: 'x'.repeat(40_001) }), 'msg_too_long');
  const longTitle = { ...modal, title: { type: 'plain_text', text: 'A title far too long for Slack' } };
  sameRefusal(await call('views.open', { trigger_id: fake.triggerId(), view: longTitle }), 'invalid_arguments');
  fake.failNext('chat.postMessage', { retryAfter: 1 });
  const limited = await call('chat.postMessage', { channel: 'C1', text: 'x' });
  sameRefusal(limited, 'ratelimited');
  assert.equal(limited.headers.get('retry-after'), '1');
});
