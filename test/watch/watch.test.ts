// The watch over histories with known curves (test/helpers/seed-watch-history.ts): Gulu's
// contacts answer four times slower than in its past runs, every other region as usual.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { postDigestJob } from '../../jobs/post-digest.ts';
import { watchOrg } from '../../src/watch/watch-org.ts';
import type { Reply } from '../../src/core/reply.ts';
import { createDemoOrg, replyText, type DemoOrg } from '../helpers/demo-org.ts';
import { createRecordingNotifier } from '../helpers/recording-notifier.ts';
import { startWorker } from '../helpers/start-worker.ts';
import { seedWatchPoll, WATCH_POLL_NAME, writeRun } from '../helpers/seed-watch-history.ts';

const MINUTE = 60_000;
/** 10:00 in Kampala on a Monday, long after the demo's own poll runs. */
const OPENED = new Date('2031-03-10T07:00:00Z');

let demo: DemoOrg;
let pollId: number;
/** Requests RapidPro (the simulator) received: the watch reads the mirror only. */
let rapidproRequests = 0;
before(async () => {
  demo = await createDemoOrg({ beforeRequest: () => void rapidproRequests++ });
  ({ pollId } = await seedWatchPoll(demo, OPENED));
  await demo.link('gulu-supervisor', 'supervisor', ['Gulu']);
  await demo.link('northern-supervisor', 'supervisor', ['Northern'], 'fr');
});
after(() => demo?.close());

beforeEach(async () => {
  await demo.sql`delete from watch_alerts`;
  await demo.sql`delete from watch_mutes`;
  await demo.sql`delete from watch_quiet_hours`;
  await demo.sql`delete from poll_runs where poll_id = ${pollId} and day >= '2031-03-10'`;
  await writeRun(demo, { pollId, start: OPENED, elapsedMinutes: 60, lag: { Gulu: 4 } });
});

/** One pass at `at`, with a notifier of its own; returns what each person was sent. */
async function pass(at: Date) {
  const notifier = createRecordingNotifier();
  await watchOrg({ ...demo.syncDeps, notifier, now: () => at }, demo.org.id);
  return { notifier, all: [...notifier.messages.values()].map((m) => m.versions[0]!) };
}

const at = (minutes: number) => new Date(OPENED.getTime() + minutes * MINUTE);
const texts = (replies: Reply[]) => replies.map(replyText);

test('a lagging region alerts its supervisors once; a region on its usual pace never does', async () => {
  const requestsBefore = rapidproRequests;
  const first = await pass(at(60));
  assert.equal(rapidproRequests, requestsBefore, 'a pass asks RapidPro nothing');
  const sent = texts(first.all);
  // Gulu's supervisor, the supervisor above it (in French) and the admin: one message each.
  assert.equal(sent.length, 3, sent.join('\n---\n'));
  const gulu = sent.find((t) => t.startsWith('Gulu is far behind on Readiness (2031-03-10)'));
  assert.ok(gulu, sent.join('\n---\n'));
  assert.match(gulu, /10% complete \(4 of 40\); usually 48% by now: 15 contacts short\./);
  assert.match(gulu, /At this pace, about 17% by Mon 12:\d\d; usually 80%\./);
  assert.match(gulu, /\[Message them\] message #\d+ 2031-03-10 #\d+ nonrespondents/);
  assert.match(gulu, /\[See who\] nonrespondents #\d+ 2031-03-10 #\d+/);
  assert.match(gulu, new RegExp(`\\[Mute this poll\\] watch off #${pollId}`));
  assert.ok(sent.some((t) => t.startsWith('Gulu est très en retard sur Readiness')));
  // Kampala's supervisor sees no alert: Kampala and its districts answer as they usually do.
  assert.ok(!sent.some((t) => /Kampala|Kawempe|Nakawa|Wakiso|Lira|Central/.test(t.split('\n')[0]!)), sent.join('\n'));

  // The next pass, an hour later with Gulu still as far behind: nothing new.
  await writeRun(demo, { pollId, start: OPENED, elapsedMinutes: 120, lag: { Gulu: 4 } });
  assert.deepEqual(texts((await pass(at(120))).all), []);
  const audit = await demo.sql`select count(*)::int as n from audit_log where action = 'watch.alert'`;
  assert.equal(audit[0]!.n >= 3, true);
});

test('the buttons of an alert run as commands: see who, message them (confirmed), mute', async () => {
  const { all } = await pass(at(60));
  const alert = all.find((r) => replyText(r).startsWith('Gulu is far behind'))!;
  const [message, seeWho, mute] = alert.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
  const who = await demo.run('gulu-supervisor', seeWho!.command, { fromButton: true });
  assert.equal(who.isError, undefined, replyText(who));
  assert.match(replyText(who), /^Not completed: Readiness — 2031-03-10\n36 of 40 asked/);
  assert.match(replyText(who), /\(Gulu\)/);
  assert.doesNotMatch(replyText(who), /\((Lira|Kampala|Nakawa|Kawempe)\)/);
  const confirm = await demo.run('gulu-supervisor', message!.command, { fromButton: true });
  assert.equal(confirm.isError, undefined, replyText(confirm));
  assert.match(replyText(confirm), /\[Send to \d+ contacts?\] send #\d+/);
  const muted = await demo.run('gulu-supervisor', mute!.command, { fromButton: true });
  assert.match(replyText(muted), /No more alerts for Readiness/);
});

test('a muted poll alerts no one who muted it; unmuted, it does', async () => {
  assert.equal((await demo.run('gulu-supervisor', `watch off ${WATCH_POLL_NAME}`)).isError, undefined);
  assert.equal((await demo.run('admin', 'watch off Northern')).isError, undefined);
  const muted = texts((await pass(at(60))).all);
  assert.deepEqual(
    muted.map((t) => t.split('\n')[0]),
    ['Gulu est très en retard sur Readiness (2031-03-10)'],
  );
  const on = replyText(await demo.run('gulu-supervisor', 'watch on'));
  assert.match(on, /Alerts are on again for any poll in your regions/);
  const after = texts((await pass(at(61))).all);
  assert.equal(after.length, 1);
  assert.match(after[0]!, /^Gulu is far behind/);
});

test('during quiet hours alerts wait; by morning one that caught up is dropped, one still behind is sent', async () => {
  // The run opened at 06:00 in Kampala; at 06:45 Gulu and Lira are behind, in everyone's quiet hours.
  const early = new Date('2031-03-10T03:00:00Z');
  await demo.sql`delete from poll_runs where poll_id = ${pollId} and day >= '2031-03-10'`;
  await writeRun(demo, { pollId, start: early, elapsedMinutes: 45, lag: { Gulu: 4, Lira: 4 } });
  assert.deepEqual(texts((await pass(new Date(early.getTime() + 45 * MINUTE))).all), []);
  // Gulu then catches up; Lira does not. At 07:30, after the quiet hours:
  await writeRun(demo, { pollId, start: early, elapsedMinutes: 90, lag: { Lira: 12 } });
  const sent = texts((await pass(new Date(early.getTime() + 90 * MINUTE))).all);
  assert.ok(sent.length > 0, 'the alert that waited is sent in the morning');
  assert.ok(
    sent.every((t) => !/Gulu/.test(t)),
    sent.join('\n---\n'),
  );
  assert.ok(
    sent.some((t) => /^Lira is (far )?behind/.test(t)),
    sent.join('\n---\n'),
  );
  // Someone who set their quiet hours off hears at once.
  await demo.sql`delete from watch_alerts`;
  await demo.run('gulu-supervisor', 'watch quiet off');
  await writeRun(demo, { pollId, start: early, elapsedMinutes: 45, lag: { Gulu: 4, Lira: 4 } });
  const night = texts((await pass(new Date(early.getTime() + 45 * MINUTE))).all);
  assert.deepEqual(
    night.map((t) => t.split('\n')[0]),
    ['Gulu is far behind on Readiness (2031-03-10)'],
  );
});

test('a supervisor who lost the region, or a region no longer chosen, gets no alert', async () => {
  const unassigned = await demo.run('admin', 'supervisor remove console:gulu-supervisor Gulu');
  assert.equal(unassigned.isError, undefined, replyText(unassigned));
  await demo.sql`update regions set is_active = false where name = 'Lira'`;
  try {
    const sent = texts((await pass(at(60))).all);
    assert.equal(sent.length, 2, sent.join('\n---\n'));
    assert.ok(sent.every((t) => !/Lira/.test(t)));
    const [gulu] = await demo.sql<{ n: number }[]>`
      select count(*)::int as n from watch_alerts a join chat_identities i on i.id = a.identity_id
      where i.external_id = 'gulu-supervisor'`;
    assert.equal(gulu!.n, 0);
  } finally {
    await demo.sql`update regions set is_active = true where name = 'Lira'`;
    await demo.run('admin', 'supervisor add console:gulu-supervisor Gulu');
  }
});

test('a supervisor removed while a pass is under way gets nothing from it', async () => {
  // The admin is told first; as that message goes out, Gulu is taken from its supervisor.
  const notifier = createRecordingNotifier();
  const post = notifier.post;
  notifier.post = async (chat, reply) => {
    if (notifier.messages.size === 0) await demo.run('admin', 'supervisor remove console:gulu-supervisor Gulu');
    return post(chat, reply);
  };
  try {
    await watchOrg({ ...demo.syncDeps, notifier, now: () => at(60) }, demo.org.id);
    const headings = [...notifier.messages.values()].map((m) => replyText(m.versions[0]!).split('\n')[0]);
    assert.deepEqual(headings, [
      'Gulu is far behind on Readiness (2031-03-10)',
      'Gulu est très en retard sur Readiness (2031-03-10)',
    ]);
  } finally {
    await demo.run('admin', 'supervisor add console:gulu-supervisor Gulu');
  }
});

test('a region dropped while a pass is under way is not announced after that', async () => {
  const notifier = createRecordingNotifier();
  const post = notifier.post;
  notifier.post = async (chat, reply) => {
    if (notifier.messages.size === 0) await demo.sql`update regions set is_active = false where name = 'Gulu'`;
    return post(chat, reply);
  };
  try {
    await watchOrg({ ...demo.syncDeps, notifier, now: () => at(60) }, demo.org.id);
    assert.equal(notifier.messages.size, 1, 'only the message already on its way');
  } finally {
    await demo.sql`update regions set is_active = true where name = 'Gulu'`;
  }
});

test('forecast says where the run is heading; watch lists open polls, mutes and quiet hours', async () => {
  demo.services.now = () => at(60);
  try {
    const forecast = replyText(await demo.run('gulu-supervisor', `forecast ${WATCH_POLL_NAME}`));
    assert.match(
      forecast,
      /Gulu: 10% complete now, usually 48% by now\. At this pace, about 17% by Mon 12:00; usually 80%\./,
    );
    assert.match(forecast, /median of this region’s earlier runs of the poll \(4\)/);
    const admin = replyText(await demo.run('admin', `forecast ${WATCH_POLL_NAME}`));
    assert.match(admin, /All regions: \d+% complete now/);
    const watch = replyText(await demo.run('gulu-supervisor', 'watch'));
    assert.match(watch, /Open polls: Readiness \(2031-03-10\): behind in Gulu/);
    assert.match(watch, /Quiet hours: 20:00–07:00 \(Africa\/Kampala\)/);
    assert.match(watch, /Behind means: below 60% of the usual share/);
    assert.match(replyText(await demo.run('gulu-supervisor', 'watch quiet 25:00-07:00')), /is not a span of hours/);
    assert.match(replyText(await demo.run('gulu-supervisor', 'watch threshold 50% 3')), /Only admins/);
    assert.match(replyText(await demo.run('admin', 'watch threshold 50% 3')), /below 50% of the usual share/);
  } finally {
    demo.services.now = () => new Date();
    await demo.sql`update orgs set settings = settings - 'watch'`;
  }
});

test('a digest names the regions behind in an open poll run', async () => {
  const reply = await demo.run('northern-supervisor', 'digest daily 08:00');
  const id = Number(/#\u2068?(\d+)/.exec(replyText(reply))![1]);
  const notifier = createRecordingNotifier();
  await postDigestJob.run({ ...demo.syncDeps, notifier, now: () => at(60) }, { subscriptionId: id });
  const [digest] = [...notifier.messages.values()].map((m) => replyText(m.versions[0]!));
  assert.match(digest!, /^Readiness — 2031-03-10$/m);
  assert.match(digest!, /^En retard sur leur rythme habituel\u00a0: Gulu$/m);
});

test('three passes at once send each alert once: the claim decides, not the order', async () => {
  const passes = await Promise.all([pass(at(60)), pass(at(60)), pass(at(60))]);
  assert.equal(passes.flatMap((p) => p.all).length, 3);
});

test('three processes running the same pass send each alert once; a restarted one sends nothing again', async () => {
  const time = at(60).toISOString();
  const alertsOf = async (count: number) => {
    // Each process loads, then all begin the pass at the same moment.
    const together = String(Date.now() + 10_000);
    const workers = Array.from({ length: count }, () =>
      startWorker(demo, ['watch', String(demo.org.id), time, together]),
    );
    for (const worker of workers) assert.equal(await worker.exited, 0);
    return workers.flatMap((w) => w.lines().flatMap((line) => (line.alert ? [line.alert] : [])));
  };
  const alerts = await alertsOf(3);
  // Gulu's supervisor, Northern's and the admin: once each, whichever process sent it.
  assert.deepEqual(alerts.map((a) => a.heading.text).sort(), [
    'Gulu est très en retard sur Readiness (2031-03-10)',
    'Gulu is far behind on Readiness (2031-03-10)',
    'Gulu is far behind on Readiness (2031-03-10)',
  ]);
  assert.deepEqual(await alertsOf(1), []);
});
