// The real bot process (`npm start`) with Slack and Telegram configured through the environment,
// against the fake Slack Web API and Telegram Bot API: main.ts starts both adapters on its one
// HTTP port and with long polling, and one command goes end to end through each.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { BOT_TOKEN, slackDriver, startFakeSlack, TEAM } from '../fakes/slack-api.ts';
import { DEFAULT_USER, startFakeTelegram } from '../fakes/telegram-api.ts';
import { startBot } from '../helpers/start-bot.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { scaled } from '../helpers/slowness.ts';

const SECRET = 'main-signing-secret';
const ADMIN = 'U0ADMIN';

/** A port nothing listens on, for the bot's HTTP server. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('npm start with Slack and Telegram set answers a command through each platform', {
  timeout: scaled(180_000),
}, async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  const slack = await startFakeSlack();
  slack.addConversation('C0CHAN');
  t.after(() => slack.close());
  const telegram = await startFakeTelegram();
  t.after(() => telegram.close());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracbot-main-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();

  const bot = startBot(
    {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      SECRET_KEY: '22'.repeat(32),
      PORT: String(port),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      ADMINS: `slack:${TEAM}:${ADMIN},telegram:${DEFAULT_USER.id}`,
    },
    [],
    // `npm start` itself: the source through tsx, as with the console (test/helpers/process-entry.ts).
    { source: true },
  );
  t.after(() => void bot.child.kill('SIGKILL'));
  await bot.waitFor(/Slack adapter started/, 120_000);
  await bot.waitFor(/Telegram adapter started/, 60_000);

  // Slack: a signed slash command to the bot's port, answered through its response URL.
  const driver = slackDriver(slack, `http://127.0.0.1:${port}/slack/events`, SECRET);
  await driver.slash(ADMIN, 'whoami').send();
  const answer = await slack.waitForResponse((body) => JSON.stringify(body).includes('Admin'));
  assert.equal(answer.response_type, 'ephemeral');
  // ...and a mention, answered through the Web API at SLACK_API_URL.
  const mention = {
    type: 'app_mention',
    user: ADMIN,
    text: '<@UBOT> whoami',
    channel: 'C0CHAN',
    ts: '1.1',
    team: TEAM,
  };
  assert.equal((await driver.event('Ev0main', mention)).status, 200);
  const posted = await slack.waitForCall('chat.postEphemeral', (c) => c.body.user === ADMIN, 30_000);
  assert.match(JSON.stringify(posted.body), /Admin/);

  // Telegram: a private message read by long polling, answered in that chat.
  telegram.pushUpdate(telegram.privateText('whoami'));
  const sent = await telegram.waitForCall(
    'sendMessage',
    (c) => c.ok === true && String(c.params.chat_id) === String(DEFAULT_USER.id),
    { timeoutMs: 30_000 },
  );
  assert.match(String(sent.params.text), /Admin/);

  bot.child.kill('SIGTERM');
  const { code } = await bot.exited;
  assert.equal(code, 0, bot.stderr());
});
