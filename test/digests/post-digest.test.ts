// Digests with a clock of our own: once a day for a week, once however many processes try, never
// again after a crash between posting and marking, and in the subscriber's language.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postDigestJob } from '../../jobs/post-digest.ts';
import { postDigest } from '../../src/digests/post-digest.ts';
import { readPng } from '../helpers/read-png.ts';
import { createRecordingNotifier } from '../helpers/recording-notifier.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';
import { PHONE_WIDTH } from '../../src/charts/frame-options.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

const DAY = 86_400_000;
const textOf = (reply: { blocks: { type: string; text?: string; items?: string[] }[] }) =>
  reply.blocks.flatMap((b) => (b.items ? b.items : b.text ? [b.text] : [])).join('\n');

async function subscribe(line: string, user = 'kampala-supervisor') {
  const reply = await demo.run(user, line);
  assert.equal(reply.isError, undefined, demo.text(reply));
  return Number(/#\u2068?(\d+)/.exec(demo.text(reply))![1]);
}

test('digest daily subscribes the chat on a cron in the org’s time zone; digests lists it', async () => {
  const reply = demo.text(await demo.run('kampala-supervisor', 'digest daily 8:05'));
  assert.match(reply, /^Digest #\d+: every day at 08:05 \(Africa\/Kampala\), for your regions, posted here\.$/);
  const id = Number(/#(\d+)/.exec(reply)![1]);
  assert.deepEqual(demo.digestSchedules.get(id), { cron: '5 8 * * *', timezone: 'Africa/Kampala' });
  const weekly = await subscribe('digest weekly fri 17:30 Nakawa');
  assert.equal(demo.digestSchedules.get(weekly)!.cron, '30 17 * * 5');
  const list = demo.text(await demo.run('kampala-supervisor', 'digests'));
  assert.match(list, new RegExp(`#${id} · every day at 08:05 \\(Africa/Kampala\\) · Kampala · console:test`));
  assert.match(list, new RegExp(`#${weekly} · every Friday at 17:30 .* · Nakawa`));
  assert.match(demo.text(await demo.run('kampala-supervisor', 'digest daily 25:00')), /Give the time as hh:mm/);
  assert.match(
    demo.text(await demo.run('kampala-supervisor', 'digest daily 08:00 Gulu')),
    /no region called “Gulu” that you can see/,
  );
  // Another supervisor cannot stop it; its maker can.
  await demo.link('nakawa-supervisor', 'supervisor', ['Nakawa']);
  assert.match(
    demo.text(await demo.run('nakawa-supervisor', `digest stop #${weekly}`)),
    /There is no digest #\d+ that you can change/,
  );
  assert.match(demo.text(await demo.run('kampala-supervisor', `digest stop #${weekly}`)), /stopped and removed/);
  assert.equal(demo.digestSchedules.has(weekly), false);
});

test('a daily digest over a simulated week posts seven times, then says when nothing is new', async () => {
  const id = await subscribe('digest daily 08:00');
  const notifier = createRecordingNotifier();
  // Each simulated day at 09:00 and 11:00 in Kampala (06:00 UTC on): from the time the test runs,
  // 22:00 and midnight would be two days.
  const start = Date.parse(`${new Date(Date.now() + DAY).toISOString().slice(0, 10)}T06:00:00Z`);
  for (let day = 0; day < 7; day++) {
    // The job may run more than once a day (a retry, a catch-up after downtime): one post a day.
    for (const hour of [0, 2]) {
      const now = new Date(start + day * DAY + hour * 3_600_000);
      await postDigestJob.run({ ...demo.syncDeps, notifier, now: () => now }, { subscriptionId: id });
    }
  }
  const posts = [...notifier.messages.values()];
  assert.equal(posts.length, 7);
  const first = textOf(posts[0]!.versions[0]!);
  assert.match(first, /Attendance — \d{4}-\d\d-\d\d/);
  assert.match(first, /\d+% complete \(\d+ of \d+\)/);
  assert.match(first, /^Digest for Kampala — \d{4}-\d\d-\d\d$/m, 'the digest names its regions');
  assert.doesNotMatch(first, /since the last digest/, 'the first digest has no last one');
  const labels = posts[0]!.versions[0]!.blocks.flatMap((b) =>
    b.type === 'buttons' ? b.buttons.map((x) => x.label) : [],
  );
  assert.equal(new Set(labels).size, labels.length, `no two buttons alike: ${labels.join(' | ')}`);
  assert.match(first, /contacts have not answered yet/);
  assert.doesNotMatch(first, /Gulu|Lira/);
  assert.ok(
    posts[0]!.versions[0]!.blocks.some((b) => b.type === 'buttons'),
    'a button to see who has not answered',
  );
  const charts = posts[0]!.versions[0]!.blocks.filter((b) => b.type === 'image');
  assert.ok(charts.length > 0, 'a participation chart per poll run');
  for (const chart of charts) {
    assert.match(
      (chart as { alt: string }).alt,
      /^Participation in .+ by region\. .+ · Regions of this digest · \d+ responses?$/,
    );
    assert.equal((await readPng((chart as { png: Buffer }).png)).width, PHONE_WIDTH);
  }
  // Nothing changed in the mirror between the days.
  assert.match(textOf(posts[1]!.versions[0]!), /^Digest for Kampala — .*\nNothing new since the last digest\.$/);
});

test('two processes posting the same period post once; a crash after posting is not repeated', async () => {
  const id = await subscribe('digest daily 09:00');
  const notifier = createRecordingNotifier();
  const deps = { ...demo.syncDeps, notifier };
  const outcomes = await Promise.all([postDigest(deps, id), postDigest(deps, id), postDigest(deps, id)]);
  assert.deepEqual(outcomes.sort(), ['already-posted', 'already-posted', 'posted']);
  assert.equal(notifier.messages.size, 1);

  // A crash between posting and marking: the period's row is there but never marked posted.
  const tomorrow = new Date(Date.now() + DAY);
  const crashing = {
    ...deps,
    now: () => tomorrow,
    notifier: {
      ...notifier,
      post: async (...args: Parameters<typeof notifier.post>) => {
        await notifier.post(...args);
        throw Object.assign(new Error('killed'), { crashed: true });
      },
    },
  };
  // A thrown post gives the period back (the platform refused): it may be retried...
  await assert.rejects(postDigest(crashing, id));
  assert.equal(notifier.messages.size, 2);
  // ...but a process killed after posting leaves its row, and the retry posts nothing.
  await demo.sql`insert into digest_posts (subscription_id, period) values (${id}, '2999-01-01')`;
  const later = { ...deps, now: () => new Date('2999-01-01T08:00:00Z') };
  assert.equal(await postDigest(later, id), 'already-posted');
  assert.equal(notifier.messages.size, 2);
});

test('a paused digest posts nothing until resumed; an Arabic subscription is written in Arabic', async () => {
  const id = await subscribe('digest daily 10:00');
  await demo.run('kampala-supervisor', `digest pause ${id}`);
  const notifier = createRecordingNotifier();
  assert.equal(await postDigest({ ...demo.syncDeps, notifier }, id), 'paused');
  await demo.run('kampala-supervisor', `digest resume #${id}`);
  assert.equal(await postDigest({ ...demo.syncDeps, notifier }, id), 'posted');

  await demo.link('arabic-admin', 'admin', [], 'ar');
  const arabic = await subscribe('digest daily 07:00', 'arabic-admin');
  assert.equal(await postDigest({ ...demo.syncDeps, notifier }, arabic), 'posted');
  const text = textOf([...notifier.messages.values()].at(-1)!.versions[0]!);
  assert.match(text, /ملخص/);
  assert.match(text, /مكتمل/);
  const chart = [...notifier.messages.values()].at(-1)!.versions[0]!.blocks.find((b) => b.type === 'image') as
    | { alt: string }
    | undefined;
  assert.match(chart!.alt, /المشاركة في .+ حسب المنطقة/);
});
