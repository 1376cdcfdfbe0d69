// Where the bot listens on Slack, through the real Bolt app and signed Events API deliveries: a
// direct message is always for it; in a channel only a mention, or an answer in a thread under
// one of its messages. Other channel talk reaches no command.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TEAM } from '../../fakes/slack-api.ts';
import { ADMIN, startSlackApp } from './start-slack-app.ts';

let app: Awaited<ReturnType<typeof startSlackApp>>;
before(async () => {
  app = await startSlackApp();
});
after(() => app?.close());

const question = 'how many answered attendance in kampala?';
let n = 0;
/** A `message` event as Slack delivers it, handled to the end before it returns. */
async function deliver(event: Record<string, unknown>) {
  n++;
  const full = { type: 'message', user: ADMIN, team: TEAM, ts: `${1700000000 + n}.000100`, ...event };
  assert.equal((await app.driver.event(`EvListen${n}`, full)).status, 200);
  await app.idle();
}
const posts = () => app.fake.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral');

test('a direct message with a question is answered, under the command it ran', async () => {
  app.fake.reset();
  await deliver({ channel: 'D0ADMIN', channel_type: 'im', text: question });
  const [post] = posts();
  assert.ok(post, 'answered');
  assert.match(JSON.stringify(post.body), /I read this as: participation Attendance Kampala/);
});

test('in a channel, a message that neither mentions the bot nor answers its thread is left alone', async () => {
  app.fake.reset();
  await deliver({ channel: 'C0CHAN', channel_type: 'channel', text: question });
  await deliver({
    channel: 'C0CHAN',
    channel_type: 'channel',
    text: question,
    thread_ts: '1699999999.000100',
    parent_user_id: 'U0OTHER',
  });
  assert.deepEqual(posts(), []);
});

test('in a channel, a mention is answered there', async () => {
  app.fake.reset();
  n++;
  const mention = {
    type: 'app_mention',
    user: ADMIN,
    team: TEAM,
    channel: 'C0CHAN',
    ts: `${1700000000 + n}.0002`,
    text: `<@UBOT> ${question}`,
  };
  assert.equal((await app.driver.event(`EvListen${n}`, mention)).status, 200);
  await app.idle();
  const [post] = posts();
  assert.equal(post?.body.channel, 'C0CHAN');
  assert.match(JSON.stringify(post?.body), /I read this as: participation Attendance Kampala/);
});

test('in a channel, an answer in a thread under the bot’s message is answered in that thread', async () => {
  app.fake.reset();
  await deliver({
    channel: 'C0CHAN',
    channel_type: 'channel',
    text: 'and the results of attendance in kampala?',
    thread_ts: '1699999999.000200',
    parent_user_id: 'UBOT',
  });
  const [post] = posts();
  assert.ok(post, 'answered');
  assert.equal(post.body.thread_ts, '1699999999.000200');
  assert.match(JSON.stringify(post.body), /I read this as: results Attendance Kampala/);
  // The same answer naming the bot comes as app_mention too: the message event leaves it to that.
  app.fake.reset();
  await deliver({
    channel: 'C0CHAN',
    channel_type: 'channel',
    text: `<@UBOT> ${question}`,
    thread_ts: '1699999999.000200',
    parent_user_id: 'UBOT',
  });
  assert.deepEqual(posts(), []);
});
