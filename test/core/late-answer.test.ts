// A command that outlives the time limit every command has: the person hears at once that it
// carries on, and its real outcome follows in the same chat when it has one, in their language.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { commands } from '../../commands/index.ts';
import { createDispatch } from '../../src/core/dispatch.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';
import { createRecordingNotifier } from '../helpers/recording-notifier.ts';
import { waitUntil } from '../helpers/wait-until.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('the outcome of a command past its time limit follows in the same chat', async () => {
  // The background sync a poll change queues holds the command until the test lets it go.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const notifier = createRecordingNotifier();
  const services = { ...demo.services, jobs: { ...demo.services.jobs, syncPolls: () => held } };
  const dispatch = createDispatch({ commands, services, i18n: demo.syncDeps.i18n, timeLimitMs: 300, notifier });
  await demo.sql`update chat_identities set language = 'fr' where external_id = 'admin'`;

  const first = demo.text(
    await dispatch({ platform: 'console', userId: 'admin', chatId: 'room-7', text: 'setup polls add Enrolment' }),
  );
  assert.match(first, /What you asked carries on, and its outcome will follow here/);
  assert.equal(notifier.messages.size, 0, 'nothing follows while the command still works');

  release();
  await waitUntil(() => notifier.messages.size > 0, 'the late answer');
  const [posted] = [...notifier.messages.values()];
  assert.deepEqual(posted!.chat, { platform: 'console', chatId: 'room-7', userId: 'admin' });
  const text = demo.text(posted!.versions[0]!);
  assert.match(text, /^La réponse à setup, qui a pris plus de 0 secondes\u00a0:/m);
  assert.match(text, /^Enregistré\. Sondages\u00a0: Attendance, Enrolment, Feedback, School Status\.$/m);
  assert.equal(posted!.versions[0]!.private, true, 'setup’s answer stays for the asker alone');
  await demo.sql`update chat_identities set language = null where external_id = 'admin'`;
});
