// No chat waits on another: while one chat's command is held, another chat's command is answered,
// by long polling and by webhook; one chat's own commands still run and answer in order; and the
// bot keeps Telegram's pace (the fake Bot API refuses with 429 whatever goes faster). Proven by the
// order of events, not by timing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { commands } from '../../../commands/index.ts';
import { startTelegram, type TelegramAdapter } from '../../../src/adapters/telegram/start-telegram.ts';
import type { Dispatch } from '../../../src/core/dispatch.ts';
import { createI18n } from '../../../src/core/i18n.ts';
import { startHttpServer } from '../../../src/http/start-http-server.ts';
import { DEFAULT_GROUP, DEFAULT_USER, startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-api.ts';
import { createDemoOrg, type DemoOrg } from '../../helpers/demo-org.ts';

let demo: DemoOrg;
const log = pino({ level: 'silent' });
const busy = DEFAULT_USER.id;
const other = { id: 7071, first_name: 'Joseph', language_code: 'en' };

before(async () => {
  demo = await createDemoOrg();
  for (const id of [busy, other.id]) {
    await demo.link(String(id), 'supervisor', ['Kampala']);
    await demo.sql`update chat_identities set platform = 'telegram' where external_id = ${String(id)}`;
  }
});
after(() => demo?.close());

/** A dispatch that holds the commands `held` matches until released, and records what it ran. */
function gatedDispatch(held: (text: string) => boolean) {
  const ran: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let entered!: () => void;
  const holding = new Promise<void>((resolve, reject) => {
    entered = resolve;
    setTimeout(() => reject(new Error('the held command never ran')), 10_000).unref();
  });
  const dispatch: Dispatch = async (invocation) => {
    ran.push(`${invocation.userId}:${invocation.text}`);
    if (held(invocation.text)) {
      entered();
      await gate;
    }
    return demo.dispatch(invocation);
  };
  return { dispatch, ran, release, holding };
}

// Update ids restart with every fake; a bot id of its own keeps them apart in the delivery claims.
let bots = 7100000000;
const newFake = (options: Parameters<typeof startFakeTelegram>[0] = {}) =>
  startFakeTelegram({ ...options, bot: { id: ++bots } });

async function until(done: () => boolean, what: string) {
  for (let i = 0; i < 500; i++) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function withBot<T>(
  fake: FakeTelegram,
  dispatch: Dispatch,
  run: (bot: TelegramAdapter) => Promise<T>,
  webhook?: Parameters<typeof startTelegram>[0]['webhook'],
) {
  const bot = await startTelegram({
    token: fake.token,
    apiRoot: fake.url,
    dispatch,
    dialogs: demo.dialogs,
    i18n: await createI18n(),
    sql: demo.sql,
    log,
    commands,
    ...(webhook ? { webhook } : {}),
  });
  try {
    return await run(bot);
  } finally {
    await bot.stop();
  }
}

test('by long polling, another chat is answered while one chat’s command is held', async () => {
  const fake = await newFake();
  const gated = gatedDispatch((text) => text === 'polls');
  try {
    await withBot(fake, gated.dispatch, async () => {
      fake.pushUpdate(fake.privateText('polls'));
      await gated.holding;
      // A later getUpdates batch: telegraf alone would not ask for it until the held one finished.
      fake.pushUpdate(fake.privateText('whoami', { user: other }));
      await until(() => fake.messages(other.id).length > 0, 'the other chat’s answer');
      assert.match(fake.messages(other.id)[0]!.text, /Supervisor/);
      assert.equal(fake.messages(busy).length, 0, 'the held command has not answered yet');
      gated.release();
      await until(() => fake.messages(busy).length > 0, 'the held command’s answer');
      assert.match(fake.messages(busy)[0]!.text, /Polls/);
    });
  } finally {
    gated.release();
    await fake.close();
  }
});

test('one chat’s commands run and answer in the order they were typed, even when the first is slow', async () => {
  const fake = await newFake();
  const gated = gatedDispatch((text) => text === 'polls');
  try {
    await withBot(fake, gated.dispatch, async () => {
      fake.pushUpdate(fake.privateText('polls'));
      await gated.holding;
      fake.pushUpdate(fake.privateText('whoami'));
      fake.pushUpdate(fake.privateText('whoami', { user: other }));
      await until(() => fake.messages(other.id).length > 0, 'the other chat’s answer');
      assert.deepEqual(
        gated.ran.filter((r) => r.startsWith(`${busy}:`)),
        [`${busy}:polls`],
        'the second command waits for the first',
      );
      gated.release();
      await until(() => fake.messages(busy).some((m) => /Supervisor/.test(m.text)), 'the second answer');
      const texts = fake.messages(busy).map((m) => m.text);
      const firstPoll = texts.findIndex((t) => /Polls/.test(t));
      const whoami = texts.findIndex((t) => /Supervisor/.test(t));
      assert.ok(
        firstPoll >= 0 && whoami > firstPoll,
        `polls answered before whoami: ${JSON.stringify(texts.map((t) => t.slice(0, 20)))}`,
      );
      assert.equal(whoami, texts.length - 1, 'every part of the first answer came before the second');
    });
  } finally {
    gated.release();
    await fake.close();
  }
});

test('by webhook, a delivery is acknowledged at once and another chat is answered while one is held', async () => {
  const fake = await newFake();
  const http = await startHttpServer({
    port: 0,
    log,
    health: {},
    metrics: { contentType: 'text/plain', render: async () => '' },
  });
  const gated = gatedDispatch((text) => text === 'polls');
  try {
    await withBot(
      fake,
      gated.dispatch,
      async () => {
        assert.equal(await fake.deliverWebhook(fake.privateText('polls')), 200);
        await gated.holding;
        assert.equal(await fake.deliverWebhook(fake.privateText('whoami', { user: other })), 200);
        await until(() => fake.messages(other.id).length > 0, 'the other chat’s answer');
        assert.equal(fake.messages(busy).length, 0, 'the held command has not answered yet');
        gated.release();
        await until(() => fake.messages(busy).length > 0, 'the held command’s answer');
      },
      { url: `http://127.0.0.1:${http.port}/telegram/hook`, secret: 'lanes-secret', http },
    );
  } finally {
    gated.release();
    await http.close();
    await fake.close();
  }
});

test('a flood from one chat and a group keeps Telegram’s pace: no 429 from a Bot API that enforces it', async () => {
  const fake = await newFake({ pacing: true });
  try {
    await withBot(fake, demo.dispatch, async () => {
      for (let i = 0; i < 3; i++) fake.pushUpdate(fake.privateText('whoami'));
      for (let i = 0; i < 3; i++) fake.pushUpdate(fake.groupCommand('whoami'));
      await until(() => fake.messages(busy).length >= 3 && fake.messages(DEFAULT_GROUP.id).length >= 3, 'six answers');
      const refused = fake.calls().filter((c) => c.errorCode === 429);
      assert.deepEqual(
        refused.map((c) => c.method),
        [],
      );
    });
  } finally {
    await fake.close();
  }
});
