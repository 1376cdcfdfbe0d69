// A chat on a slow link turns pictures off: its charts and digests come as a few lines of text
// (Unicode bars), while every other chat keeps its pictures.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postDigestJob } from '../../jobs/post-digest.ts';
import type { Reply } from '../../src/core/reply.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';
import { createRecordingNotifier } from '../helpers/recording-notifier.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

const inSlowChat = { chatId: 'slow-link' };
const imagesOf = (reply: Reply) => reply.blocks.filter((b) => b.type === 'image');
/** A line that starts with a bar of block elements, then what it measures. */
const BAR = /^[█▏▎▍▌▋▊▉]+ \S/m;

test('pictures off: this chat’s charts come as text bars, other chats keep their pictures', async () => {
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'pictures', inSlowChat)),
    /^This chat gets charts and digests as pictures\. On a slow link, type pictures off/,
  );
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'pictures off', inSlowChat)),
    /^Charts and digests in this chat now come as text, without pictures\./,
  );
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'pictures', inSlowChat)),
    /gets charts and digests as text/,
  );

  const chart = await demo.run('kampala-supervisor', 'chart Attendance', inSlowChat);
  assert.equal(chart.isError, undefined, demo.text(chart));
  assert.equal(imagesOf(chart).length, 0);
  const text = demo.text(chart);
  // What the picture would have shown, in words, then a bar per region.
  assert.match(
    text,
    /^Participation in Attendance by region\. Attendance · \d{4}-\d\d-\d\d · Kampala · \d+ responses$/m,
  );
  assert.match(text, /^[█▏▎▍▌▋▊▉]* ?Nakawa \(\d+\/\d+\) \d+%$/m);
  assert.ok(Buffer.byteLength(text) < 2_000, `${Buffer.byteLength(text)} bytes`);

  const question = demo.text(await demo.run('kampala-supervisor', 'chart Attendance 1', inSlowChat));
  assert.match(question, BAR);
  assert.match(question, /^Boys present: the average over time\. /m);
  assert.match(question, /^Average: [▁▂▃▄▅▆▇█]{2,} [\d.]+ → [\d.]+$/m);

  // The chat the tests use otherwise still gets pictures.
  assert.equal(imagesOf(await demo.run('kampala-supervisor', 'chart Attendance')).length, 1);

  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'pictures maybe', inSlowChat)),
    /^Type pictures on or pictures off, not “maybe”\./,
  );
  await demo.run('kampala-supervisor', 'pictures on', inSlowChat);
  assert.equal(imagesOf(await demo.run('kampala-supervisor', 'chart Attendance', inSlowChat)).length, 1);
});

test('a digest posted to a chat without pictures carries its chart as text', async () => {
  await demo.run('kampala-supervisor', 'pictures off', inSlowChat);
  const reply = demo.text(await demo.run('kampala-supervisor', 'digest daily 08:00', inSlowChat));
  const id = Number(/#(\d+)/.exec(reply)![1]);
  const notifier = createRecordingNotifier();
  await postDigestJob.run({ ...demo.syncDeps, notifier }, { subscriptionId: id });
  const [post] = [...notifier.messages.values()];
  const digest = post!.versions[0]!;
  assert.equal(imagesOf(digest).length, 0);
  assert.match(demo.text(digest), /^Attendance — \d{4}-\d\d-\d\d$/m);
  assert.match(demo.text(digest), /^[█▏▎▍▌▋▊▉]* ?Nakawa \(\d+\/\d+\) \d+%$/m);
});
