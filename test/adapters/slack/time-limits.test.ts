// A Slack that takes a request and never answers it: every call the bot makes to Slack is given
// up at its time limit (time-limits.ts), the answer still reaches the asker another way where
// there is one, and the app goes on answering.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { paragraph } from '../../../src/core/reply.ts';
import { ADMIN, startSlackApp } from './start-slack-app.ts';
import { scaled } from '../../helpers/slowness.ts';

let app: Awaited<ReturnType<typeof startSlackApp>>;
before(async () => {
  app = await startSlackApp({ timeLimits: { callMs: 500, bulkCallMs: 800 } });
});
after(() => app?.close());

const stalled = (method: string) => app.fake.calls.filter((c) => c.method === method && c.result === 'stalled');

test('a response URL that never answers is given up, and the answer goes to the channel', {
  timeout: scaled(20_000),
}, async () => {
  app.fake.failNext('respond', { stall: true });
  const started = performance.now();
  assert.equal((await app.driver.slash(ADMIN, 'polls').send()).status, 200);
  const posted = await app.fake.waitForCall(
    'chat.postMessage',
    (c) => c.body.channel === 'C0CHAN' && JSON.stringify(c.body).includes('Attendance'),
  );
  await app.idle();
  assert.equal(stalled('respond').length, 1);
  assert.ok(posted);
  assert.ok(performance.now() - started < scaled(5_000), `answered after ${performance.now() - started} ms`);
});

test('a Web API call that never answers is tried twice, given up, and the next command is answered', {
  timeout: scaled(20_000),
}, async () => {
  app.fake.reset();
  app.fake.failNext('chat.postMessage', { stall: true }, 2);
  const started = performance.now();
  await app.driver.event('Ev0STALL', {
    type: 'message',
    channel_type: 'im',
    channel: 'D0ADMIN',
    user: ADMIN,
    text: 'polls',
  });
  await app.idle();
  const waited = performance.now() - started;
  assert.equal(stalled('chat.postMessage').length, 2);
  // Two attempts of 0.5 s and a pause of 1–2 s between them.
  assert.ok(waited < scaled(5_000), `given up after ${waited} ms`);

  await app.driver.event('Ev0AFTER', {
    type: 'message',
    channel_type: 'im',
    channel: 'D0ADMIN',
    user: ADMIN,
    text: 'polls',
  });
  await app.fake.waitForCall('chat.postMessage', (c) => c.result === 'ok' && c.body.channel === 'D0ADMIN');
});

test('a background post that never answers is given up at its own limit and tried again', {
  timeout: scaled(20_000),
}, async () => {
  app.fake.reset();
  app.fake.failNext('chat.postMessage', { stall: true });
  const started = performance.now();
  await app.slack.notifier.post(
    { platform: 'slack', chatId: 'C0CHAN' },
    { blocks: [paragraph('Weekly digest')], direction: 'ltr' },
  );
  const waited = performance.now() - started;
  assert.equal(stalled('chat.postMessage').length, 1);
  assert.ok(app.fake.calls.some((c) => c.method === 'chat.postMessage' && c.result === 'ok'));
  assert.ok(waited >= 800 && waited < scaled(10_000), `posted after ${waited} ms`);
});
