// Updates as Telegram sends them (test/fixtures/telegram/updates/, recorded, sources in its
// README), delivered to the real telegraf bot's webhook the way Telegram delivers them: each must
// become the Invocation its sender meant and be answered, or be left alone when it asks nothing.
// Only update ids are filled in (each delivery is a new update; the Bot API page's examples all
// share one) and, where a test needs it, who is who.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import type { TelegramAdapter } from '../../../src/adapters/telegram/start-telegram.ts';
import { createDispatch } from '../../../src/core/dispatch.ts';
import { createI18n } from '../../../src/core/i18n.ts';
import type { Invocation } from '../../../src/core/invocation.ts';
import { startHttpServer, type HttpServer } from '../../../src/http/start-http-server.ts';
import { commands } from '../../../commands/index.ts';
import { fillIn, recorded } from '../../fakes/recorded.ts';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-api.ts';
import { createDemoOrg, type DemoOrg } from '../../helpers/demo-org.ts';
import { startDemoBot } from './start-demo-bot.ts';

let demo: DemoOrg;
let fake: FakeTelegram;
let http: HttpServer;
let bot: TelegramAdapter;
const invocations: Invocation[] = [];
let nextUpdateId = 500_000_001;

before(async () => {
  demo = await createDemoOrg();
  fake = await startFakeTelegram();
  const log = pino({ level: 'silent' });
  http = await startHttpServer({
    port: 0,
    log,
    health: {},
    metrics: { contentType: 'text/plain', render: async () => '' },
  });
  const dispatched = createDispatch({ commands, services: demo.services, i18n: await createI18n() });
  bot = await startDemoBot(demo, fake, {
    dispatch: (invocation) => {
      invocations.push(invocation);
      return dispatched(invocation);
    },
    webhook: { url: `http://127.0.0.1:${http.port}/telegram/hook`, secret: 'recorded-secret', http },
  });
});
after(async () => {
  await bot?.stop();
  await http?.close();
  await fake?.close();
  await demo?.close();
});

/** Delivers a recorded update, as a new one, to the bot's webhook; what it became once answered. */
async function deliver(fixture: string, values: Record<string, unknown> = {}) {
  const update = fillIn(recorded(`telegram/updates/${fixture}.json`), { update_id: nextUpdateId++, ...values });
  const invoked = invocations.length;
  const since = fake.calls().length;
  assert.equal(await fake.deliverWebhook(update), 200);
  return {
    /** The one Invocation the update became, once its answer was sent to `chatId`. */
    async answered(chatId: number): Promise<Invocation> {
      const sent = await fake.waitForCall('sendMessage', (c) => c.params.chat_id === chatId, { since });
      assert.equal(sent.ok, true, sent.description);
      const made = invocations.slice(invoked);
      assert.equal(made.length, 1, JSON.stringify(made));
      return made[0]!;
    },
    /** Nothing was run and nothing sent (checked once a later marker update was answered). */
    async leftAlone() {
      const marker = await deliver('private-text', { 'message.text': 'whoami' });
      await marker.answered(218485655);
      assert.deepEqual(invocations.slice(invoked, -1), []);
      const sent = fake
        .calls()
        .slice(since)
        .filter((c) => c.method === 'sendMessage');
      assert.deepEqual(
        sent.map((c) => c.params.chat_id),
        [218485655],
        'only the marker was answered',
      );
    },
  };
}

test('/start as the Bot API page shows it (no is_bot, no entities) is answered with help', async () => {
  const invocation = await (await deliver('private-start')).answered(1111111);
  assert.deepEqual(
    [invocation.platform, invocation.userId, invocation.chatId, invocation.text, invocation.userName],
    ['telegram', '1111111', '1111111', 'help', 'Testusername'],
  );
});

test('in a private chat, a message answering an earlier one is read like any other', async () => {
  const invocation = await (await deliver('private-reply')).answered(1111111);
  assert.deepEqual([invocation.chatId, invocation.text], ['1111111', 'help']);
});

test('in a private chat, plain text is for the bot, in the sender’s language', async () => {
  const invocation = await (await deliver('private-text')).answered(218485655);
  assert.deepEqual(
    [invocation.userId, invocation.text, invocation.locale, invocation.userName],
    ['218485655', 'hello there', 'en', 'WaffleLapkin'],
  );
});

test('in a supergroup, a /command without @name, answering someone’s story, is for the bot and answered there', async () => {
  const invocation = await (await deliver('group-command-reply')).answered(-1001293752024);
  assert.deepEqual(
    [invocation.userId, invocation.chatId, invocation.text, invocation.userName],
    ['5964236329', '-1001293752024', 'report', 'spacewhaleblues'],
  );
});

test('a press on a button of an inline message is answered at once and runs nothing it does not know', async () => {
  const delivered = await deliver('callback-query-inline');
  const answer = await fake.waitForCall(
    'answerCallbackQuery',
    (c) => c.params.callback_query_id === '3840023343991832218',
  );
  assert.equal(answer.ok, true, answer.description);
  await delivered.leftAlone();
});

test('a user blocking the bot reaches no command', async () => {
  const delivered = await deliver('my-chat-member-kicked', {
    'my_chat_member.chat.id': 9003,
    'my_chat_member.from.id': 9003,
    'my_chat_member.new_chat_member.user.id': fake.botUser.id,
    'my_chat_member.old_chat_member.user.id': fake.botUser.id,
  });
  await delivered.leftAlone();
});
