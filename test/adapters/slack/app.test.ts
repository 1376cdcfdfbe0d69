// The real Bolt app behind the bot's HTTP server, receiving correctly signed Slack requests and
// answering through the fake Slack Web API (test/fakes/slack-api.ts), which refuses anything
// beyond Slack's limits.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Logger } from 'pino';
import { startSlack, type SlackAdapter } from '../../../src/adapters/slack/start-slack.ts';
import { createDispatch } from '../../../src/core/dispatch.ts';
import { createI18n } from '../../../src/core/i18n.ts';
import type { HttpServer } from '../../../src/http/start-http-server.ts';
import { commands } from '../../../commands/index.ts';
import { BOT_TOKEN, sign, slackDriver, TEAM, type FakeSlack } from '../../fakes/slack-api.ts';
import type { DemoOrg } from '../../helpers/demo-org.ts';
import { ADMIN, SECRET, startSlackApp } from './start-slack-app.ts';
import { waitUntil } from '../../helpers/wait-until.ts';

let app: Awaited<ReturnType<typeof startSlackApp>>;
let demo: DemoOrg;
let http: HttpServer;
let slack: SlackAdapter;
let fake: FakeSlack;
let driver: ReturnType<typeof slackDriver>;
let log: Logger;
before(async () => {
  app = await startSlackApp({}, { locales: { U0ARABIC: 'ar-SA' } });
  ({ demo, http, slack, fake, driver, log } = app);
});
after(() => app?.close());

const text = (value: unknown) => JSON.stringify(value);

test('a slash command is acked at once and answered through its response URL, in Block Kit', async () => {
  fake.reset();
  const res = await driver.slash(ADMIN, 'participation Attendance').send();
  assert.equal(res.status, 200);
  const answer = await fake.waitForResponse();
  assert.equal(answer.response_type, 'in_channel');
  assert.equal(answer.blocks[0].type, 'header');
  assert.match(answer.blocks[0].text.text, /^Attendance — \d{4}-\d\d-\d\d$/);
  assert.ok(
    answer.blocks.some((b: { type: string }) => b.type === 'actions'),
    'a refresh button',
  );
});

test('every command’s reply renders within Slack’s limits', async () => {
  fake.reset();
  for (const { name, samples } of commands) {
    const line = samples[0];
    const before = fake.responses.length;
    assert.equal((await driver.slash(ADMIN, line).send()).status, 200, name);
    // The fake refuses a response beyond Slack's limits (and Bolt logs it): only accepted ones count.
    await fake
      .waitForResponse(() => fake.responses.length > before)
      .catch(() => assert.fail(`${name}: no answer within limits`));
  }
  assert.deepEqual(
    fake.calls.filter((c) => c.result !== 'ok').map((c) => `${c.method}: ${c.result}`),
    [],
  );
});

test('a wrongly signed or stale request is refused and reaches no command', async () => {
  const { body } = driver.slash(ADMIN, 'polls');
  const form = 'application/x-www-form-urlencoded';
  const before = app.invocations.length;
  assert.equal((await driver.post(body, form, sign(SECRET, body + 'x'))).status, 401);
  assert.equal((await driver.post(body, form, sign(SECRET, body, Math.floor(Date.now() / 1000) - 3600))).status, 401);
  assert.equal((await driver.post(body, form, {})).status, 401);
  await app.idle();
  assert.deepEqual(app.invocations.slice(before), [], 'a refused request reached a command');
  // Nor was its response URL answered (an earlier test's late answer may still arrive on its own
  // URL: a command past its time limit is followed by its outcome).
  const refused = new URL(new URLSearchParams(body).get('response_url')!).pathname.split('/').at(-1);
  assert.deepEqual(
    fake.responses.filter((r) => r.id === refused),
    [],
    'the refused request was answered',
  );
});

const unsettledBatches = async () =>
  (
    await demo.sql<{ n: number }[]>`
      select count(*)::int as n from outbound_batches
      where message_id = (select max(id) from outbound_messages) and state in ('pending', 'sending')`
  )[0]!.n;

test('an unknown user is told, privately and in their Slack language, to ask an admin', async () => {
  fake.reset();
  await driver.slash('U0ARABIC', 'polls').send();
  const answer = await fake.waitForResponse();
  assert.equal(answer.response_type, 'ephemeral');
  assert.match(text(answer.blocks), /TracBot/);
  assert.match(text(answer.blocks), /[\u0600-\u06FF]/, 'in Arabic');
});

test('a button click re-enters dispatch as the command it carries', async () => {
  fake.reset();
  assert.equal((await driver.click(ADMIN, 'whoami')).status, 200);
  assert.match(text((await fake.waitForResponse()).blocks), /Admin/);
});

test('the same Send delivered three times and clicked twice sends once', async () => {
  fake.reset();
  await driver.slash(ADMIN, 'message "School Status" latest nonrespondents Please reply today').send();
  const send = /"value":"(send #\d+)"/.exec(text((await fake.waitForResponse()).blocks))?.[1];
  assert.ok(send, 'a Send button');
  const before = demo.simulator.store.broadcasts.length;
  // One click delivered three times at once (retries), then a second click.
  const responseUrl = fake.responseUrl();
  const once = () => driver.click(ADMIN, send, { actionTs: '100.1', responseUrl });
  const statuses = await Promise.all([once(), once(), once()]);
  assert.deepEqual(
    statuses.map((r) => r.status),
    [200, 200, 200],
  );
  assert.equal((await driver.click(ADMIN, send, { actionTs: '100.2', responseUrl })).status, 200);
  await fake.waitForResponse(() => fake.responses.length >= 3);
  // Every batch of the message settled: nothing more will reach RapidPro.
  await waitUntil(async () => (await unsettledBatches()) === 0, 'every batch settled');
  const sent = demo.simulator.store.broadcasts.slice(before);
  assert.ok(sent.length > 0, 'the message went out');
  const contacts = sent.flatMap((b) => b.contacts);
  assert.equal(new Set(contacts).size, contacts.length, 'no contact received it twice');
  assert.equal(new Set(sent.map((b) => b.text)).size, 1);
  // The click that came second is told the message is already on its way.
  assert.match(text(fake.responses.slice(1)), /already confirmed/);
});

test('an event Slack retries is handled once', async () => {
  fake.reset();
  const mention = {
    type: 'app_mention',
    user: ADMIN,
    text: '<@UBOT> whoami',
    channel: 'C0CHAN',
    ts: '1.1',
    team: TEAM,
  };
  for (const retry of [0, 1, 2]) assert.equal((await driver.event('Ev0001', mention, retry)).status, 200);
  // whoami is private: an ephemeral message to the one who asked.
  const reply = await fake.waitForCall('chat.postEphemeral');
  assert.equal(reply.body.user, ADMIN);
  // Each delivery was acked before its handling began, and handling begins before the ack
  // reaches us: once the app is idle, every retry has been dealt with.
  await slack.idle();
  assert.equal(fake.calls.filter((c) => c.method.startsWith('chat.post')).length, 1, 'the retries posted nothing');
});

test('a digest for a Slack channel is posted there in Block Kit, in English and in Arabic', async () => {
  const { postDigest } = await import('../../../src/digests/post-digest.ts');
  for (const [language, expected] of [
    ['en', /Digest for all regions — /],
    ['ar', /ملخص/],
  ] as const) {
    fake.reset();
    const [row] = await demo.sql<{ id: number }[]>`
      insert into digest_subscriptions (org_id, platform, chat_id, cron, timezone, language)
      values (${demo.org.id}, 'slack', 'C0DIGEST', '0 8 * * *', 'Africa/Kampala', ${language}) returning id`;
    assert.equal(await postDigest({ ...demo.syncDeps, notifier: slack.notifier }, row!.id), 'posted');
    const posted = await fake.waitForCall('chat.postMessage', (c) => c.body.channel === 'C0DIGEST');
    assert.match(posted.body.blocks[0].text.text, expected);
    assert.ok(
      posted.body.blocks.some((b: { type: string }) => b.type === 'actions'),
      'the button to see who has not answered',
    );
    const chart = await fake.waitForCall('files.completeUploadExternal', (c) => c.body.channel_id === 'C0DIGEST');
    assert.equal(chart.result, 'ok');
  }
});

test('an export (it names contacts) arrives as a CSV file in the asker’s DM; a chart as a PNG in the channel, described for screen readers', async () => {
  fake.reset();
  await driver.slash(ADMIN, 'export Attendance').send();
  const csv = await fake.waitForCall('files.completeUploadExternal');
  assert.equal(csv.body.channel_id, 'D0ADMIN', 'the direct conversation conversations.open gave');
  assert.equal(csv.result, 'ok');
  assert.match(fake.files.get(csv.body.files[0].id)!.bytes.toString('utf8'), /Boys present/);
  // The export's message says what it is (its notification text), to the asker alone.
  const done = await fake.waitForResponse((r) => /responses? of Attendance/.test(String(r.text)));
  assert.equal(done.response_type, 'ephemeral');
  assert.match(text(await fake.waitForResponse((r) => /direct message/.test(text(r)))), /direct message/);
  assert.ok(
    !fake.calls.some((c) => c.method === 'files.completeUploadExternal' && c.body.channel_id === 'C0CHAN'),
    'nothing shared in the channel',
  );

  fake.reset();
  await driver.slash(ADMIN, 'chart Attendance latest Kampala', 'C0CHARTS').send();
  const charts = await fake.waitForCall('files.completeUploadExternal');
  assert.equal(charts.body.channel_id, 'C0CHARTS');
  for (const { id } of charts.body.files as { id: string }[]) {
    const file = fake.files.get(id)!;
    assert.match(file.filename, /\.png$/);
    assert.ok(file.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'a PNG');
    assert.match(file.altText ?? '', /Attendance/, 'alt text saying what it shows');
  }
});

/** Types a command that opens a modal and returns the modal once it has been filled in. */
test('App Home shows the user their polls, and is drawn again when a sync brings new figures', async () => {
  fake.reset();
  const opened = { type: 'app_home_opened', user: ADMIN, channel: 'D0HOME', tab: 'home', event_ts: '2.2' };
  assert.equal((await driver.event('Ev0002', opened)).status, 200);
  const published = await fake.waitForCall('views.publish');
  assert.equal(published.body.user_id, ADMIN);
  assert.equal(published.body.view.type, 'home');
  assert.equal(published.body.view.blocks[0].text.text, 'Polls');
  assert.match(text(published.body.view.blocks), /Attendance — \d{4}-\d\d-\d\d: \d+% complete/);
  const values = published.body.view.blocks.flatMap((b: { elements?: { value?: string }[] }) =>
    (b.elements ?? []).map((e) => e.value ?? ''),
  );
  for (const command of ['participation', 'nonrespondents', 'chart'])
    assert.ok(
      values.some((v: string) => v.startsWith(`${command} #`)),
      `a ${command} button`,
    );
  // A click on App Home has no response URL: the answer comes in the direct conversation.
  fake.reset();
  await driver.click(ADMIN, values.find((v: string) => v.startsWith('participation #'))!, { channel: null });
  const answer = await fake.waitForCall('chat.postMessage', (c) => c.body.channel === 'D0ADMIN');
  assert.match(text(answer.body.blocks), /Attendance — /);
  // The chart button: the picture arrives there too (a file is never shared to a user id).
  fake.reset();
  await driver.click(ADMIN, values.find((v: string) => v.startsWith('chart #'))!, { channel: null });
  const chart = await fake.waitForCall('files.completeUploadExternal');
  assert.equal(chart.body.channel_id, 'D0ADMIN');
  assert.equal(chart.result, 'ok');
  assert.ok(fake.files.get(chart.body.files[0].id)!.bytes.length > 0);
  assert.deepEqual(
    fake.calls.filter((c) => c.result !== 'ok').map((c) => `${c.method}: ${c.result}`),
    [],
  );

  fake.reset();
  const { store } = demo.simulator;
  const flow = store.flows.find((f) => f.name === 'Attendance')!;
  const contact = [...store.contacts.values()][0]!;
  store.addRun({
    uuid: randomUUID(),
    flowUuid: flow.uuid,
    contactUuid: contact.uuid,
    startUuid: null,
    responded: false,
    path: [],
    values: {},
    createdOn: new Date(),
    exitedOn: null,
    exitType: null,
  });
  await demo.sync();
  const refreshed = await fake.waitForCall('views.publish', (c) => c.body.user_id === ADMIN);
  assert.equal(refreshed.result, 'ok');
});

test('a background post that Slack throttles waits out Retry-After and goes through', async () => {
  fake.reset();
  fake.failNext('chat.postMessage', { retryAfter: 1 });
  const started = Date.now();
  const ts = await slack.notifier.post(
    { platform: 'slack', chatId: 'C0BULK' },
    { direction: 'ltr', blocks: [{ type: 'text', text: 'Progress: 40 %' }] },
  );
  assert.ok(ts.startsWith('1700000000.'));
  assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
  assert.deepEqual(
    fake.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.result),
    ['ratelimited', 'ok'],
  );
});

test('a private answer for someone who asked in a channel goes to their direct conversation', async () => {
  fake.reset();
  await slack.notifier.post(
    { platform: 'slack', chatId: 'C0BULK', userId: `${TEAM}:${ADMIN}` },
    { direction: 'ltr', private: true, blocks: [{ type: 'text', text: 'For your eyes' }] },
  );
  const posts = fake.calls.filter((c) => c.method === 'chat.postMessage');
  assert.deepEqual(
    posts.map((c) => [c.body.channel, c.result]),
    [[`D${ADMIN.slice(1)}`, 'ok']],
  );
});

test('the ack comes back while a slow command is still running; “working…” is then replaced by the answer', async (t) => {
  const i18n = await createI18n();
  const real = createDispatch({ commands, services: demo.services, i18n });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let finished = false;
  const patient = await startSlack({
    botToken: BOT_TOKEN,
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    http,
    path: '/slack/slow',
    dispatch: async (invocation) => {
      await gate;
      const reply = await real(invocation);
      finished = true;
      return reply;
    },
    dialogs: demo.dialogs,
    sql: demo.sql,
    log,
    i18n,
    workingAfterMs: 50,
  });
  t.after(() => patient.stop());
  fake.reset();
  const slow = slackDriver(fake, `http://127.0.0.1:${http.port}/slack/slow`, SECRET);
  const ack = await slow.slash(ADMIN, 'polls').send();
  assert.equal(ack.status, 200);
  assert.equal(finished, false, 'acked before the command finished');
  await fake.waitForResponse((r) => r.text === 'Working on it…');
  release();
  await fake.waitForResponse(() => fake.responses.length >= 3);
  assert.equal(fake.responses[0]!.body.response_type, 'ephemeral');
  assert.equal(fake.responses[1]!.body.delete_original, true);
  assert.match(text(fake.responses[2]!.body.blocks), /Polls/);
});
