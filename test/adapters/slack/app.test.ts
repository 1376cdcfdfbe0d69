// The real Bolt app behind the bot's HTTP server, receiving correctly signed Slack requests, and
// answering through a stand-in for Slack's Web API and response URLs that records every call.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { startSlack, type SlackAdapter } from '../../../src/adapters/slack/start-slack.ts';
import { createDispatch } from '../../../src/core/dispatch.ts';
import { createI18n } from '../../../src/core/i18n.ts';
import { createMetrics } from '../../../src/http/create-metrics.ts';
import { startHttpServer, type HttpServer } from '../../../src/http/start-http-server.ts';
import { commands } from '../../../commands/index.ts';
import { createDemoOrg, type DemoOrg } from '../../helpers/demo-org.ts';
import { sendJson, serve } from '../../helpers/serve.ts';

const SECRET = 'test-signing-secret';
const TEAM = 'T0TEST';
let demo: DemoOrg;
let http: HttpServer;
let slack: SlackAdapter;
let web: Awaited<ReturnType<typeof serve>>;
const calls: { method: string; body: Record<string, unknown> }[] = [];
const responses: Record<string, unknown>[] = [];
const uploads: string[] = [];
/** Methods whose next call Slack answers with 429 and Retry-After. */
const throttle = new Set<string>();

/** Slack sends form bodies with JSON-encoded nested values; this reads either. */
async function readBody(req: import('node:http').IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  if ((req.headers['content-type'] ?? '').includes('json')) return JSON.parse(raw || '{}');
  const values: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    try {
      values[key] = ['blocks', 'view', 'file_uploads', 'files'].includes(key) ? JSON.parse(value) : value;
    } catch {
      values[key] = value;
    }
  }
  return values;
}

before(async () => {
  demo = await createDemoOrg();
  await demo.link(`${TEAM}:U0ADMIN`, 'admin');
  await demo.sql`update chat_identities set platform = 'slack' where external_id = ${`${TEAM}:U0ADMIN`}`;
  web = await serve(async (req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    if (path.startsWith('/upload/')) {
      let bytes = '';
      for await (const chunk of req) bytes += chunk;
      uploads.push(bytes);
      res.writeHead(200).end('OK');
      return;
    }
    const body = await readBody(req);
    if (path.startsWith('/respond/')) {
      responses.push(body);
      return sendJson(res, 200, { ok: true });
    }
    const method = path.replace('/api/', '');
    calls.push({ method, body });
    if (throttle.has(method)) {
      throttle.delete(method);
      return sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    }
    if (method === 'auth.test') return sendJson(res, 200, { ok: true, team_id: TEAM, user_id: 'UBOT', bot_id: 'BBOT' });
    if (method === 'users.info') return sendJson(res, 200, { ok: true, user: { id: body.user, locale: body.user === 'U0ARABIC' ? 'ar-SA' : 'en-US' } });
    if (method === 'chat.postMessage') return sendJson(res, 200, { ok: true, channel: body.channel, ts: `1700000000.${calls.length}` });
    if (method === 'chat.postEphemeral') return sendJson(res, 200, { ok: true, message_ts: `1700000000.${calls.length}` });
    if (method === 'views.publish') return sendJson(res, 200, { ok: true });
    if (method === 'views.open') return sendJson(res, 200, { ok: true, view: { id: 'V1', ...(body.view as object) } });
    if (method === 'files.getUploadURLExternal') return sendJson(res, 200, { ok: true, upload_url: `${web.url}/upload/${calls.length}`, file_id: `F${calls.length}` });
    if (method === 'files.completeUploadExternal') return sendJson(res, 200, { ok: true, files: [{ id: 'F1', title: 'export' }] });
    return sendJson(res, 200, { ok: false, error: 'unknown_method' });
  });
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }, pino.destination(2));
  const i18n = await createI18n();
  http = await startHttpServer({ port: 0, log, health: {}, metrics: { contentType: 'text/plain', render: async () => '' } });
  const metrics = createMetrics(demo.sql);
  const dispatch = createDispatch({ commands, services: demo.services, i18n, observe: metrics.command });
  slack = await startSlack({ botToken: 'xoxb-test', signingSecret: SECRET, apiUrl: `${web.url}/api/`, http, dispatch, sql: demo.sql, log, i18n, workingAfterMs: 10_000 });
});
after(async () => {
  await slack?.stop();
  await http?.close();
  await web?.close();
  await demo?.close();
});

function sign(body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

async function post(body: string, contentType: string, headers: Record<string, string> = sign(body)) {
  return fetch(`http://127.0.0.1:${http.port}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
}

const slash = (user: string, text: string) =>
  new URLSearchParams({ command: '/tracpro', text, user_id: user, user_name: user, team_id: TEAM, channel_id: 'C0CHAN', trigger_id: 't1', response_url: `${web.url}/respond/1` }).toString();

/** An interactivity request: the admin clicking a button that carries a command line. */
const click = (command: string, actionTs: string, respondTo: string) =>
  new URLSearchParams({
    payload: JSON.stringify({
      type: 'block_actions',
      team: { id: TEAM },
      user: { id: 'U0ADMIN', team_id: TEAM },
      channel: { id: 'C0CHAN' },
      response_url: `${web.url}/respond/${respondTo}`,
      trigger_id: `t${actionTs}`,
      actions: [{ type: 'button', action_id: 'command:0', block_id: 'b', value: command, action_ts: actionTs }],
    }),
  }).toString();

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value !== undefined) return value;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('a slash command is acked at once and answered through its response URL, in Block Kit', async () => {
  responses.length = 0;
  const res = await post(slash('U0ADMIN', 'participation Attendance'), 'application/x-www-form-urlencoded');
  assert.equal(res.status, 200);
  const answer = await until(() => responses[0], 'the answer');
  assert.equal(answer.response_type, 'in_channel');
  const blocks = answer.blocks as { type: string; text?: { text: string } }[];
  assert.equal(blocks[0]!.type, 'header');
  assert.match(blocks[0]!.text!.text, /^Attendance — \d{4}-\d\d-\d\d$/);
  assert.ok(blocks.some((b) => b.type === 'actions'), 'a refresh button');
});

test('a wrongly signed or stale request is refused and reaches no command', async () => {
  responses.length = 0;
  const body = slash('U0ADMIN', 'polls');
  assert.equal((await post(body, 'application/x-www-form-urlencoded', sign(body + 'x'))).status, 401);
  assert.equal((await post(body, 'application/x-www-form-urlencoded', sign(body, Math.floor(Date.now() / 1000) - 3600))).status, 401);
  await sleep(200);
  assert.equal(responses.length, 0);
});

test('an unknown user is told, privately and in their Slack language, to ask an admin', async () => {
  responses.length = 0;
  await post(slash('U0ARABIC', 'polls'), 'application/x-www-form-urlencoded');
  const answer = await until(() => responses[0], 'the answer');
  assert.equal(answer.response_type, 'ephemeral');
  assert.match(JSON.stringify(answer.blocks), /TracBot/);
  assert.match(JSON.stringify(answer.blocks), /[\u0600-\u06FF]/, 'in Arabic');
});

test('a button click re-enters dispatch as the command it carries', async () => {
  responses.length = 0;
  assert.equal((await post(click('whoami', '1', '2'), 'application/x-www-form-urlencoded')).status, 200);
  const answer = await until(() => responses[0], 'the answer');
  assert.match(JSON.stringify(answer.blocks), /Admin/);
});

test('the same Send delivered three times and clicked twice sends once', async () => {
  responses.length = 0;
  assert.equal((await post(slash('U0ADMIN', 'message "School Status" latest nonrespondents Please reply today'), 'application/x-www-form-urlencoded')).status, 200);
  const confirmation = await until(() => responses[0], 'the confirmation');
  const send = /"value":"(send #\d+)"/.exec(JSON.stringify(confirmation.blocks))?.[1];
  assert.ok(send, 'a Send button');
  const before = demo.simulator.store.broadcasts.length;
  // One click delivered three times at once (retries), then a second click.
  const first = click(send, '100.1', '3');
  const statuses = await Promise.all([post(first, 'application/x-www-form-urlencoded'), post(first, 'application/x-www-form-urlencoded'), post(first, 'application/x-www-form-urlencoded')]);
  assert.deepEqual(statuses.map((r) => r.status), [200, 200, 200]);
  assert.equal((await post(click(send, '100.2', '3'), 'application/x-www-form-urlencoded')).status, 200);
  await until(() => (responses.length >= 3 ? true : undefined), 'the answers');
  await sleep(300);
  const sent = demo.simulator.store.broadcasts.slice(before);
  assert.ok(sent.length > 0, 'the message went out');
  const contacts = sent.flatMap((b) => b.contacts);
  assert.equal(new Set(contacts).size, contacts.length, 'no contact received it twice');
  assert.equal(new Set(sent.map((b) => b.text)).size, 1);
  // The click that came second is told the message is already on its way.
  assert.match(JSON.stringify(responses.slice(1)), /already confirmed/);
});

test('an event Slack retries is handled once', async () => {
  calls.length = 0;
  const event = {
    type: 'event_callback',
    team_id: TEAM,
    api_app_id: 'A1',
    event_id: 'Ev0001',
    event_time: 1,
    event: { type: 'app_mention', user: 'U0ADMIN', text: '<@UBOT> whoami', channel: 'C0CHAN', ts: '1.1', team: TEAM },
  };
  const body = JSON.stringify(event);
  for (const retry of ['', '1', '2']) {
    const headers = { ...sign(body), ...(retry ? { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' } : {}) };
    assert.equal((await post(body, 'application/json', headers)).status, 200);
  }
  // whoami is private: an ephemeral message to the one who asked.
  const reply = await until(() => calls.find((c) => c.method === 'chat.postEphemeral'), 'the reply');
  assert.equal(reply.body.user, 'U0ADMIN');
  await sleep(300);
  assert.equal(calls.filter((c) => c.method.startsWith('chat.post')).length, 1);
});

test('a digest for a Slack channel is posted there in Block Kit, in English and in Arabic', async () => {
  const { postDigest } = await import('../../../src/digests/post-digest.ts');
  calls.length = 0;
  for (const [language, expected] of [['en', /Digest — /], ['ar', /الملخص/]] as const) {
    const [row] = await demo.sql<{ id: number }[]>`
      insert into digest_subscriptions (org_id, platform, chat_id, cron, timezone, language)
      values (${demo.org.id}, 'slack', 'C0DIGEST', '0 8 * * *', 'Africa/Kampala', ${language}) returning id`;
    assert.equal(await postDigest({ ...demo.syncDeps, notifier: slack.notifier }, row!.id), 'posted');
    const posted = await until(() => calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0DIGEST').at(-1), 'the digest');
    const blocks = posted.body.blocks as { type: string; text?: { text: string } }[];
    assert.match(blocks[0]!.text!.text, expected);
    assert.ok(blocks.some((b) => b.type === 'actions'), 'the button to see who has not answered');
    calls.length = 0;
  }
});

test('an export arrives as a CSV file in the conversation it was asked in', async () => {
  calls.length = 0;
  uploads.length = 0;
  await post(slash('U0ADMIN', 'export Attendance'), 'application/x-www-form-urlencoded');
  const completed = await until(() => calls.find((c) => c.method === 'files.completeUploadExternal'), 'the upload');
  assert.equal(completed.body.channel_id, 'C0CHAN');
  assert.match(uploads.join(''), /Boys present/);
});

test('setup connect opens a modal; RapidPro’s verdict shows beside the field; the token never reaches the channel', async () => {
  calls.length = 0;
  responses.length = 0;
  await post(slash('U0ADMIN', 'setup connect'), 'application/x-www-form-urlencoded');
  const opened = await until(() => calls.find((c) => c.method === 'views.open'), 'the modal');
  const view = opened.body.view as { callback_id: string; private_metadata: string; title: { text: string }; blocks: { block_id: string }[] };
  assert.equal(view.title.text, 'Connect RapidPro');
  assert.deepEqual(view.blocks.map((b) => b.block_id), ['url', 'token']);

  const submit = async (url: string, token: string) => {
    const payload = {
      type: 'view_submission',
      team: { id: TEAM },
      user: { id: 'U0ADMIN', team_id: TEAM },
      view: { ...view, id: 'V1', state: { values: { url: { value: { type: 'url_text_input', value: url } }, token: { value: { type: 'plain_text_input', value: token } } } } },
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const res = await post(body, 'application/x-www-form-urlencoded');
    const text = await res.text();
    return text ? JSON.parse(text) : {};
  };
  const wrong = await submit(demo.simulator.url, 'not-the-token');
  assert.equal(wrong.response_action, 'errors');
  assert.match(wrong.errors.token, /RapidPro refused that token/);
  const unreachable = await submit('http://127.0.0.1:9', 'abc');
  assert.match(unreachable.errors.url, /Could not reach RapidPro/);

  const right = await submit(demo.simulator.url, demo.simulator.token);
  assert.deepEqual(right, {});
  const confirmation = await until(() => calls.find((c) => c.method === 'chat.postEphemeral' && c.body.channel === 'C0CHAN'), 'the confirmation');
  assert.match(JSON.stringify(confirmation.body.blocks), /Connected to Demo Schools/);
  assert.ok(!JSON.stringify(calls).includes(demo.simulator.token), 'the token went to no Slack method');
  assert.equal(responses.length, 0);
});

test('App Home shows the user their polls with buttons to dig in', async () => {
  calls.length = 0;
  const event = {
    type: 'event_callback',
    team_id: TEAM,
    api_app_id: 'A1',
    event_id: 'Ev0002',
    event_time: 2,
    event: { type: 'app_home_opened', user: 'U0ADMIN', channel: 'D0HOME', tab: 'home', event_ts: '2.2' },
  };
  const body = JSON.stringify(event);
  assert.equal((await post(body, 'application/json')).status, 200);
  const published = await until(() => calls.find((c) => c.method === 'views.publish'), 'the home view');
  assert.equal(published.body.user_id, 'U0ADMIN');
  const view = published.body.view as { type: string; blocks: { type: string; text?: { text: string } }[] };
  assert.equal(view.type, 'home');
  assert.equal(view.blocks[0]!.text!.text, 'Polls');
  assert.match(JSON.stringify(view.blocks), /Attendance — \d{4}-\d\d-\d\d: \d+% complete/);
});

test('a background post that Slack throttles waits out Retry-After and goes through', async () => {
  calls.length = 0;
  throttle.add('chat.postMessage');
  const started = Date.now();
  const ts = await slack.notifier.post({ platform: 'slack', chatId: 'C0BULK' }, { direction: 'ltr', blocks: [{ type: 'text', text: 'Progress: 40 %' }] });
  assert.ok(ts.startsWith('1700000000.'));
  assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
  assert.equal(calls.filter((c) => c.method === 'chat.postMessage').length, 2);
});

test('a slow command first shows a short “working…”, then replaces it with the answer', async (t) => {
  const i18n = await createI18n();
  const slow = createDispatch({ commands, services: demo.services, i18n });
  const patient = await startSlack({
    botToken: 'xoxb-test', signingSecret: SECRET, apiUrl: `${web.url}/api/`, http, path: '/slack/slow',
    dispatch: async (invocation) => (await sleep(150), slow(invocation)),
    sql: demo.sql, log: pino({ level: 'silent' }), i18n, workingAfterMs: 50,
  });
  t.after(() => patient.stop());
  responses.length = 0;
  const body = slash('U0ADMIN', 'polls');
  await fetch(`http://127.0.0.1:${http.port}/slack/slow`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) }, body });
  await until(() => (responses.length >= 3 ? true : undefined), 'three responses');
  assert.deepEqual(responses[0], { response_type: 'ephemeral', text: 'Working on it…' });
  assert.equal(responses[1]!.delete_original, true);
  assert.match(JSON.stringify(responses[2]!.blocks), /Polls/);
});
