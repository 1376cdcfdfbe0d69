// Who sees what on Slack: every command's reply goes to the channel only when it holds figures;
// anything that names contacts (or is the asker's alone) reaches only the person who asked, files
// included, unless they choose to share it. Driven through the real Bolt app with signed requests.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { commands } from '../../../commands/index.ts';
import { sign, TEAM, type SlackCall } from '../../fakes/slack-api.ts';
import { ADMIN, SECRET, startSlackApp } from './start-slack-app.ts';

let app: Awaited<ReturnType<typeof startSlackApp>>;
before(async () => {
  app = await startSlackApp();
});
after(() => app?.close());

const text = (value: unknown) => JSON.stringify(value);
const idOf = (body: string) =>
  decodeURIComponent(/response_url=([^&]+)/.exec(body)![1]!)
    .split('/')
    .at(-1)!;

async function until<T>(read: () => T | undefined): Promise<T> {
  for (let i = 0; i < 250; i++) {
    const value = read();
    if (value !== undefined) return value;
    await sleep(20);
  }
  throw new Error('timed out');
}

/** Waits until the app has said everything it will: no request is being handled any more. */
const quiet = () => app.idle();

test('every command’s sample is shown only where it may be', async () => {
  const { fake, driver } = app;
  for (const { name, holds, samples } of commands) {
    const line = samples[0];
    fake.reset();
    const request = driver.slash(ADMIN, line);
    const id = idOf(request.body);
    assert.equal((await request.send()).status, 200, name);
    await fake.waitForResponse(() => fake.responses.some((r) => r.id === id && !r.body.delete_original));
    await quiet();
    const answers = fake.responses.filter((r) => r.id === id && !r.body.delete_original).map((r) => r.body);
    const inChannel = (c: SlackCall) =>
      (c.body.channel ?? c.body.channel_id) === 'C0CHAN' &&
      ['chat.postMessage', 'files.completeUploadExternal'].includes(c.method);
    if (holds === 'figures') {
      assert.equal(
        answers[0]!.response_type,
        'in_channel',
        `${name}: figures are for the channel (${text(answers[0]).slice(0, 200)})`,
      );
    } else {
      assert.deepEqual(
        answers.map((a) => a.response_type),
        answers.map(() => 'ephemeral'),
        `${name}: shown to the asker alone`,
      );
      assert.deepEqual(
        fake.calls.filter(inChannel).map((c) => c.method),
        [],
        `${name}: nothing posted or shared in the channel`,
      );
    }
    assert.deepEqual(
      fake.calls.filter((c) => c.result !== 'ok').map((c) => `${c.method}: ${c.result}`),
      [],
      name,
    );
  }
});

test('contacts asked for by a mention are shown to the asker alone, in the channel', async () => {
  const { fake, driver } = app;
  fake.reset();
  const mention = {
    type: 'app_mention',
    user: ADMIN,
    text: '<@UBOT> contacts Kampala',
    channel: 'C0CHAN',
    ts: '3.1',
    team: TEAM,
  };
  assert.equal((await driver.event('EvPrivate1', mention)).status, 200);
  const shown = await fake.waitForCall('chat.postEphemeral');
  assert.equal(shown.body.user, ADMIN);
  await quiet();
  assert.deepEqual(
    fake.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.body.channel),
    [],
  );
});

test('in the direct conversation with the bot, contacts are answered as a lasting message there', async () => {
  const { fake, driver } = app;
  fake.addConversation('D0ADMIN', { members: [ADMIN, 'UBOT'] });
  fake.reset();
  const dm = {
    type: 'message',
    channel_type: 'im',
    user: ADMIN,
    text: 'contacts Kampala',
    channel: 'D0ADMIN',
    ts: '3.2',
    team: TEAM,
  };
  assert.equal((await driver.event('EvPrivate2', dm)).status, 200);
  const posted = await fake.waitForCall('chat.postMessage');
  assert.equal(posted.body.channel, 'D0ADMIN');
  assert.equal(posted.result, 'ok');
});

test('the asker may share a contact list with the channel; it then says who shared it', async () => {
  const { fake, driver } = app;
  fake.reset();
  const request = driver.slash(ADMIN, 'nonrespondents Attendance latest Kampala');
  await request.send();
  const shown = await fake.waitForResponse((r) => text(r).includes('"action_id":"share"'));
  assert.equal(shown.response_type, 'ephemeral');
  const share = shown.blocks
    .flatMap((b: { elements?: { action_id?: string; value?: string }[] }) => b.elements ?? [])
    .find((e: { action_id?: string }) => e.action_id === 'share');
  assert.equal(share.value, 'nonrespondents Attendance latest Kampala');

  fake.reset();
  assert.equal((await driver.click(ADMIN, share.value, { actionId: 'share' })).status, 200);
  const posted = await fake.waitForResponse((r) => r.response_type === 'in_channel');
  assert.match(text(posted.blocks), /Shared by <@U0ADMIN>/);
  assert.ok(!text(posted.blocks).includes('"action_id":"share"'), 'no share button once shared');
  assert.ok(
    fake.responses.some((r) => r.body.delete_original),
    'the private copy is removed',
  );
});

test('a chart asked in a channel the bot is not in arrives in the asker’s DM, with a note on how to add the bot', async () => {
  const { fake, driver } = app;
  fake.addConversation('C0OUTSIDE', { botIn: false });
  fake.reset();
  await driver.slash(ADMIN, 'chart Attendance latest Kampala', 'C0OUTSIDE').send();
  const note = await fake.waitForResponse((r) => /invite @TracBot/.test(text(r)));
  assert.equal(note.response_type, 'ephemeral');
  const shares = fake.calls
    .filter((c) => c.method === 'files.completeUploadExternal')
    .map((c) => `${c.body.channel_id}: ${c.result}`);
  assert.deepEqual(shares, ['C0OUTSIDE: not_in_channel', 'D0ADMIN: ok']);
});

test('a file Slack will not take anywhere is never lost in silence: the asker is told, with a reference', async () => {
  const { fake, driver } = app;
  fake.reset();
  fake.failNext('files.getUploadURLExternal', { error: 'internal_error' }, 10);
  await driver.slash(ADMIN, 'chart Attendance latest Kampala').send();
  const told = await fake.waitForResponse((r) => /did not accept the file/.test(text(r)));
  assert.equal(told.response_type, 'ephemeral');
  assert.match(text(told), /internal_error/);
  fake.failNext('files.getUploadURLExternal', { error: 'internal_error' }, 0);
});

test('whoami shows the person’s name from their Slack profile', async () => {
  const { fake, driver } = app;
  fake.reset();
  await driver.slash(ADMIN, 'whoami').send();
  const answer = await fake.waitForResponse();
  assert.equal(answer.blocks[0].text.text, 'Ada U0ADMIN');
});

test('a correctly signed request dated 10 minutes ahead is refused like a stale one', async () => {
  const { fake, driver } = app;
  fake.reset();
  const { body } = driver.slash(ADMIN, 'polls');
  const form = 'application/x-www-form-urlencoded';
  const now = Math.floor(Date.now() / 1000);
  assert.equal((await driver.post(body, form, sign(SECRET, body, now + 600))).status, 401);
  assert.equal((await driver.post(body, form, sign(SECRET, body, now - 600))).status, 401);
  // A marker sent last, answered after anything the refused requests could have started.
  await driver.slash(ADMIN, 'whoami').send();
  await fake.waitForResponse();
  assert.equal(fake.responses.length, 1, 'only the marker was answered');
  fake.reset();
  assert.equal(
    (await driver.post(body, form, sign(SECRET, body, now + 30))).status,
    200,
    'a clock a little ahead is fine',
  );
  await fake.waitForResponse();
});

test('pressing a confirmation’s button replaces the buttons with the outcome', async () => {
  const { fake, driver } = app;
  fake.reset();
  await driver.slash(ADMIN, 'message Attendance latest Kampala all Hello').send();
  const asked = await fake.waitForResponse();
  // The buttons' block (a context block above them names the run; its elements are texts).
  const elements = asked.blocks
    .filter((b: { type: string }) => b.type === 'actions')
    .flatMap((b: { elements: { action_id: string; value: string }[] }) => b.elements);
  assert.deepEqual(
    elements.map((e: { action_id: string }) => e.action_id),
    ['confirm:0', 'confirm:1'],
  );
  const cancel = elements.find((e: { value: string }) => e.value === 'cancel')!;
  const answerTo = async (value: string, actionId: string) => {
    const responseUrl = fake.responseUrl();
    await driver.click(ADMIN, value, { actionId, responseUrl });
    const id = responseUrl.split('/').at(-1);
    return (await until(() => fake.responses.find((r) => r.id === id))).body;
  };
  assert.equal((await answerTo(cancel.value, cancel.action_id)).replace_original, true);
  // Other buttons (a refresh, a drill-down) add an answer and leave their message as it was.
  assert.equal((await answerTo('whoami', 'command:0')).replace_original, false);
});
