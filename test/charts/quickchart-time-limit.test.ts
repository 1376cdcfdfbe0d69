// A QuickChart server that takes the request and never answers: `chart` says so within the limit,
// and a digest is posted with its figures and a line saying the chart is missing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postDigestJob } from '../../jobs/post-digest.ts';
import { ChartUnavailableError } from '../../src/charts/chart-spec.ts';
import { createQuickChartRenderer } from '../../src/charts/render-with-quickchart.ts';
import { createDispatch } from '../../src/core/dispatch.ts';
import { commands } from '../../commands/index.ts';
import { createRecordingNotifier } from '../helpers/recording-notifier.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';
import { startSilentServer } from '../helpers/start-silent-server.ts';
import { scaled } from '../helpers/slowness.ts';
import { waitUntil } from '../helpers/wait-until.ts';

let demo: DemoOrg;
let silent: Awaited<ReturnType<typeof startSilentServer>>;

before(async () => {
  demo = await createDemoOrg();
  silent = await startSilentServer();
});
after(async () => {
  await silent?.close();
  await demo?.close();
});

test('the renderer gives up on a silent QuickChart at its time limit', { timeout: scaled(10_000) }, async () => {
  const renderer = createQuickChartRenderer(silent.url, 300);
  const started = Date.now();
  await assert.rejects(
    renderer.render({
      config: { type: 'bar', data: { labels: ['a'], datasets: [{ data: [1] }] } },
      width: 100,
      height: 100,
      alt: 'a',
      filename: 'a.png',
      direction: 'ltr',
      text: [],
    }),
    (error: unknown) => error instanceof ChartUnavailableError && error.waitedSeconds === 0.3,
  );
  assert.ok(Date.now() - started < scaled(2_000), `gave up after ${Date.now() - started} ms`);
  // Aborted, not abandoned: the request's connection is closed, not left waiting on the server.
  await waitUntil(() => silent.waitingRequests() === 0, 'the request’s connection closed');
});

test('chart with a silent QuickChart answers in words within the limit', { timeout: scaled(10_000) }, async () => {
  const services = { ...demo.services, charts: createQuickChartRenderer(silent.url, 500) };
  const dispatch = createDispatch({ commands, services, i18n: demo.syncDeps.i18n });
  const started = Date.now();
  const reply = await dispatch({ platform: 'console', userId: 'admin', chatId: 'test', text: 'chart Attendance' });
  assert.ok(Date.now() - started < scaled(3_000), `answered after ${Date.now() - started} ms`);
  assert.match(
    demo.text(reply),
    /^QuickChart \(127\.0\.0\.1:\d+\) did not answer within 0\.5 seconds, so there is no chart\./,
  );
});

test('a digest whose chart cannot be drawn is posted with its figures and says the chart is missing', {
  timeout: scaled(10_000),
}, async () => {
  const reply = demo.text(await demo.run('kampala-supervisor', 'digest daily 08:00'));
  const id = Number(/#(\d+)/.exec(reply)![1]);
  const notifier = createRecordingNotifier();
  await postDigestJob.run(
    { ...demo.syncDeps, notifier, charts: createQuickChartRenderer(silent.url, 300) },
    { subscriptionId: id },
  );
  const posts = [...notifier.messages.values()];
  assert.equal(posts.length, 1, 'the digest is posted');
  const blocks = posts[0]!.versions[0]!.blocks;
  const text = blocks
    .flatMap((b) => ('text' in b && typeof b.text === 'string' ? [b.text] : 'items' in b ? (b.items as string[]) : []))
    .join('\n');
  assert.match(text, /Attendance — \d{4}-\d\d-\d\d/);
  assert.match(text, /The chart is missing: the chart server \(127\.0\.0\.1:\d+\) did not draw it in time\./);
  assert.equal(blocks.filter((b) => b.type === 'image').length, 0);
});
