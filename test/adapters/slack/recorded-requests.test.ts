// Requests as Slack sends them (test/fixtures/slack/requests/, recorded, sources in its README),
// signed and posted to the real Bolt app: each must become the Invocation its user meant and be
// answered. Only what names our workspace (team, user, channel, text, URLs) is filled in; the rest
// of each payload is as recorded.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Invocation } from '../../../src/core/invocation.ts';
import { fillIn, recorded } from '../../fakes/recorded.ts';
import { TEAM } from '../../fakes/slack-api.ts';
import { ADMIN, startSlackApp } from './start-slack-app.ts';

let app: Awaited<ReturnType<typeof startSlackApp>>;
before(async () => {
  app = await startSlackApp();
  app.fake.addConversation('D0ADMIN', { members: [ADMIN] });
});
after(() => app?.close());

const FORM = 'application/x-www-form-urlencoded';
const asPayload = (payload: object) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
const text = (value: unknown) => JSON.stringify(value);

/** The one Invocation the request became, once the app has answered it. */
async function invocationOf(send: () => Promise<{ status: number }>): Promise<Invocation> {
  const before = app.invocations.length;
  assert.equal((await send()).status, 200);
  await app.idle();
  const made = app.invocations.slice(before);
  assert.equal(made.length, 1, text(made));
  return made[0]!;
}

test('url_verification: the challenge is echoed back', async () => {
  const challenge = recorded('slack/requests/url-verification.json');
  const res = await app.driver.post(JSON.stringify(challenge), 'application/json');
  assert.equal(res.status, 200);
  assert.equal(res.body.challenge, challenge.challenge);
});

test('a slash command, whatever its name, becomes the line typed after it, answered through its response URL', async () => {
  app.fake.reset();
  const command = fillIn(recorded('slack/requests/slash-command.json'), {
    team_id: TEAM,
    user_id: ADMIN,
    channel_id: 'C0CHAN',
    text: 'whoami',
    response_url: app.fake.responseUrl(),
    trigger_id: app.fake.triggerId(),
  });
  const invocation = await invocationOf(() => app.driver.post(new URLSearchParams(command).toString(), FORM));
  assert.deepEqual(
    [invocation.platform, invocation.userId, invocation.chatId, invocation.text, invocation.fromButton],
    ['slack', `${TEAM}:${ADMIN}`, 'C0CHAN', 'whoami', undefined],
  );
  assert.match(text(await app.fake.waitForResponse()), /Admin/);
});

test('a button click becomes the command its value carries, marked as pressed', async () => {
  app.fake.reset();
  const click = fillIn(recorded('slack/requests/block-actions.json'), {
    'team.id': TEAM,
    'user.id': ADMIN,
    'user.team_id': TEAM,
    'channel.id': 'C0CHAN',
    'container.channel_id': 'C0CHAN',
    response_url: app.fake.responseUrl(),
    trigger_id: app.fake.triggerId(),
    'actions.0.action_id': 'command:0',
    'actions.0.value': 'whoami',
  });
  const invocation = await invocationOf(() => app.driver.post(asPayload(click), FORM));
  assert.deepEqual(
    [invocation.userId, invocation.chatId, invocation.text, invocation.fromButton],
    [`${TEAM}:${ADMIN}`, 'C0CHAN', 'whoami', true],
  );
  assert.match(text(await app.fake.waitForResponse()), /Admin/);
});

test('a modal submission reaches the dialog it came from, with what the user picked', async () => {
  app.fake.reset();
  await app.driver.slash(ADMIN, 'supervisor add').send();
  const updated = await app.fake.waitForCall('views.update');
  const view = app.fake.views.get(updated.body.view_id)!.view;
  const gulu = view.blocks[1].element.options.find((o: { text: { text: string } }) => o.text.text === 'Gulu').value;
  const submission = fillIn(recorded('slack/requests/view-submission.json'), {
    'team.id': TEAM,
    'user.id': ADMIN,
    'user.team_id': TEAM,
    trigger_id: app.fake.triggerId(),
    view: {
      ...view,
      state: {
        values: {
          [view.blocks[0].block_id]: {
            [view.blocks[0].element.action_id]: { type: 'users_select', selected_user: 'U0RECORD' },
          },
          [view.blocks[1].block_id]: {
            [view.blocks[1].element.action_id]: {
              type: view.blocks[1].element.type,
              selected_options: [{ value: gulu }],
            },
          },
        },
      },
    },
  });
  const res = await app.driver.post(asPayload(submission), FORM);
  assert.deepEqual([res.status, res.body], [200, {}]);
  const [row] = await app.demo.sql<{ role: string }[]>`
    select role from chat_identities where platform = 'slack' and external_id = ${`${TEAM}:U0RECORD`}`;
  assert.equal(row?.role, 'supervisor');
});

test('a mention becomes the line after it, answered in the channel (to the asker alone: whoami is theirs)', async () => {
  app.fake.reset();
  const mention = fillIn(recorded('slack/requests/app-mention.json'), {
    team_id: TEAM,
    event_id: 'EvRecordedMention',
    'event.user': ADMIN,
    'event.channel': 'C0CHAN',
    'event.text': '<@UBOT> whoami',
    'authorizations.0.team_id': TEAM,
    'authorizations.0.user_id': 'UBOT',
  });
  const invocation = await invocationOf(() => app.driver.post(JSON.stringify(mention), 'application/json'));
  assert.deepEqual([invocation.userId, invocation.chatId, invocation.text], [`${TEAM}:${ADMIN}`, 'C0CHAN', 'whoami']);
  const post = await app.fake.waitForCall('chat.postEphemeral');
  assert.deepEqual([post.body.channel, post.body.user, post.result], ['C0CHAN', ADMIN, 'ok']);
});

test('a direct message is answered in the direct conversation', async () => {
  app.fake.reset();
  const message = fillIn(recorded('slack/requests/message-im.json'), {
    team_id: TEAM,
    event_id: 'EvRecordedDirect',
    'event.user': ADMIN,
    'event.team': TEAM,
    'event.channel': 'D0ADMIN',
    'event.text': 'whoami',
    'event.blocks.0.elements.0.elements.0.text': 'whoami',
    'authorizations.0.team_id': TEAM,
    'authorizations.0.user_id': 'UBOT',
  });
  const invocation = await invocationOf(() => app.driver.post(JSON.stringify(message), 'application/json'));
  assert.deepEqual([invocation.userId, invocation.chatId, invocation.text], [`${TEAM}:${ADMIN}`, 'D0ADMIN', 'whoami']);
  const post = await app.fake.waitForCall('chat.postMessage');
  assert.deepEqual([post.body.channel, post.result], ['D0ADMIN', 'ok']);
});
