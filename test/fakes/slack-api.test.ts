// The fake Slack refuses what Slack refuses, through the real Web API client: if it let bad
// output through, the adapter tests that rely on it would prove nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebClient } from '@slack/web-api';
import { BOT_TOKEN, startFakeSlack } from './slack-api.ts';

// Loosely typed on purpose: these are the wrong shapes the fake must refuse.
const section = (text: string): any => ({ type: 'section', text: { type: 'plain_text', text } });
const modal = (title: string, blocks: object[] = [section('hello')]): any => ({
  type: 'modal',
  title: { type: 'plain_text', text: title },
  blocks,
});

async function setUp(t: import('node:test').TestContext, now?: () => number) {
  const fake = await startFakeSlack({ now });
  t.after(() => fake.close());
  fake.addConversation('C1');
  const client = new WebClient(BOT_TOKEN, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 20 },
  });
  return { fake, client };
}

const refused = async (call: Promise<unknown>) => {
  const error = (await call.then(
    () => null,
    (e: { data?: { error?: string } }) => e,
  )) as { data?: { error?: string } } | null;
  return error?.data?.error ?? 'accepted';
};

test('messages: more than 50 blocks, a section over 3000 characters or 11 fields are refused', async (t) => {
  const { fake, client } = await setUp(t);
  assert.equal(
    await refused(
      client.chat.postMessage({ channel: 'C1', text: 'x', blocks: Array.from({ length: 50 }, () => section('a')) }),
    ),
    'accepted',
  );
  assert.equal(
    await refused(
      client.chat.postMessage({ channel: 'C1', text: 'x', blocks: Array.from({ length: 51 }, () => section('a')) }),
    ),
    'invalid_blocks',
  );
  assert.equal(
    await refused(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('a'.repeat(3001))] })),
    'invalid_blocks',
  );
  const fields = Array.from({ length: 11 }, () => ({ type: 'plain_text', text: 'f' }));
  assert.equal(
    await refused(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [{ type: 'section', fields } as any] })),
    'invalid_blocks',
  );
  assert.equal(await refused(new WebClient('xoxb-wrong', { slackApiUrl: fake.apiUrl }).auth.test()), 'invalid_auth');
});

test('views: a title over 24 characters and a select with 101 options are refused; a stale hash conflicts', async (t) => {
  const { fake, client } = await setUp(t);
  assert.equal(
    await refused(client.views.open({ trigger_id: fake.triggerId(), view: modal('A title far too long for Slack') })),
    'invalid_arguments',
  );
  const options = Array.from({ length: 101 }, (_, i) => ({
    text: { type: 'plain_text' as const, text: `o${i}` },
    value: String(i),
  }));
  const select = {
    type: 'input',
    block_id: 'b',
    label: { type: 'plain_text', text: 'Pick' },
    element: { type: 'static_select', action_id: 'a', options },
  };
  assert.equal(
    await refused(
      client.views.open({
        trigger_id: fake.triggerId(),
        view: { ...modal('Pick', [select]), submit: { type: 'plain_text', text: 'OK' } },
      }),
    ),
    'invalid_arguments',
  );

  const opened = await client.views.open({ trigger_id: fake.triggerId(), view: modal('Fine') });
  const { id, hash } = opened.view!;
  assert.equal(
    await refused(client.views.update({ view_id: id!, hash: hash!, view: modal('Fine again') })),
    'accepted',
  );
  assert.equal(
    await refused(client.views.update({ view_id: id!, hash: hash!, view: modal('Too late') })),
    'hash_conflict',
  );
});

test('trigger ids: used once, and only within 3 seconds', async (t) => {
  let clock = 1_000_000;
  const { fake, client } = await setUp(t, () => clock);
  const trigger = fake.triggerId();
  assert.equal(await refused(client.views.open({ trigger_id: trigger, view: modal('Once') })), 'accepted');
  assert.equal(await refused(client.views.open({ trigger_id: trigger, view: modal('Twice') })), 'invalid_trigger_id');
  const late = fake.triggerId();
  clock += 3001;
  assert.equal(await refused(client.views.open({ trigger_id: late, view: modal('Late') })), 'expired_trigger_id');
});

test('a response URL takes five messages, then no more', async (t) => {
  const { fake } = await setUp(t);
  const url = fake.responseUrl();
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: `answer ${i}` }),
    });
    statuses.push(res.status);
  }
  assert.deepEqual(statuses, [200, 200, 200, 200, 200, 404]);
  assert.equal(fake.responses.length, 5);
});

test('files.uploadV2: the bytes arrive whole and the file is shared into the channel', async (t) => {
  const { fake, client } = await setUp(t);
  const data = Buffer.from('region,responded\nKampala,12\n');
  await client.filesUploadV2({
    channel_id: 'C1',
    file_uploads: [{ file: data, filename: 'export.csv', title: 'Export' }],
  });
  const [file] = [...fake.files.values()];
  assert.deepEqual(file?.bytes, data);
  assert.equal(file?.channel, 'C1');
  assert.equal(file?.title, 'Export');
});

test('files: shared into a conversation id the bot is in; a user id or a channel without the bot is refused', async (t) => {
  const { fake, client } = await setUp(t);
  fake.addConversation('C0IN');
  fake.addConversation('C0OUT', { botIn: false });
  const upload = (channel_id: string) =>
    refused(client.filesUploadV2({ channel_id, file_uploads: [{ file: Buffer.from('a,b\n'), filename: 'x.csv' }] }));
  assert.equal(await upload('U0ADA'), 'invalid_arguments');
  assert.equal(await upload('C0OUT'), 'not_in_channel');
  assert.equal(await upload('C0NONE'), 'channel_not_found');
  assert.equal(await upload('C0IN'), 'accepted');
  const dm = await client.conversations.open({ users: 'U0ADA' });
  assert.equal(dm.channel?.id, 'D0ADA');
  assert.equal(await upload('D0ADA'), 'accepted');
});

test('messages: the bot posts only where it is a member; an ephemeral message needs its user in the channel', async (t) => {
  const { fake, client } = await setUp(t);
  fake.addConversation('C0OUT', { botIn: false });
  fake.addConversation('C0FEW', { members: ['U0ADA'] });
  // A post where the bot is not, or an ephemeral message to someone not there: slack-recorded.test.ts.
  assert.equal(
    await refused(client.chat.postEphemeral({ channel: 'C0OUT', user: 'U0ADA', text: 'x' })),
    'not_in_channel',
  );
  assert.equal(await refused(client.chat.postEphemeral({ channel: 'C0FEW', user: 'U0ADA', text: 'x' })), 'accepted');
  assert.equal(await refused(client.chat.postMessage({ channel: 'U0ADA', text: 'to the DM' })), 'accepted');
});

test('a response URL expires after 30 minutes', async (t) => {
  let clock = 1_000_000;
  const { fake } = await setUp(t, () => clock);
  const url = fake.responseUrl();
  clock += 30 * 60_000 + 1;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'late' }),
  });
  assert.equal(res.status, 404);
});
