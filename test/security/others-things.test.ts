// What someone asked for is theirs to act on. Another supervisor of the same regions cannot send
// their draft message, cancel their schedule, pause or stop their digest, or press the button of
// their confirmation — not even by typing its number, which only counts up — and neither can an
// admin press their buttons. The person who asked still can, afterwards.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Reply } from '../../src/core/reply.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

const ASKER = 'kampala-supervisor';
const OTHER = 'kampala-other';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
  await demo.link(OTHER, 'supervisor', ['Kampala']);
});
after(() => demo?.close());

const confirmOf = (reply: Reply) => {
  const button = reply.blocks
    .flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
    .find((b) => b.style === 'primary');
  assert.ok(button, demo.text(reply));
  return button.command;
};
const outbox = async () =>
  (await demo.sql<{ n: number }[]>`select count(*)::int as n from outbound_messages where state <> 'draft'`)[0]!.n;

test('a draft message is sent only by the person who asked for it', async () => {
  const send = confirmOf(await demo.run(ASKER, 'message Attendance latest Kampala all Hello'));
  assert.match(send, /^send #\d+$/);
  for (const someone of [OTHER, 'admin']) {
    const refused = await demo.run(someone, send);
    assert.equal(refused.isError, true, `${someone}: ${demo.text(refused)}`);
  }
  const [draft] = await demo.sql<
    { state: string }[]
  >`select state from outbound_messages where id = ${Number(send.slice(6))}`;
  assert.equal(draft!.state, 'draft', 'still a draft');
  const sent = await demo.run(ASKER, send);
  assert.equal(sent.isError, undefined, demo.text(sent));
});

test('a poll start, a scheduled start and a reminder are confirmed only by the person who asked', async () => {
  for (const line of [
    'start Attendance Kampala',
    'start Attendance Kampala at 23:59',
    'remind Attendance latest Kampala after 2h',
  ]) {
    const confirm = confirmOf(await demo.run(ASKER, line));
    const [sent, scheduled] = [await outbox(), demo.jobSchedules.size];
    for (const someone of [OTHER, 'admin']) {
      const refused = await demo.run(someone, confirm);
      assert.match(demo.text(refused), /Only the person who asked can confirm this/, `${line}, pressed by ${someone}`);
    }
    assert.deepEqual([await outbox(), demo.jobSchedules.size], [sent, scheduled], `${line}: nothing was set`);
    // Made up with another person's number in it: refused too.
    const forged = confirm.replace(/--confirm=\d+\./, '--confirm=1.');
    assert.equal((await demo.run(OTHER, forged)).isError, true, forged);
    const done = await demo.run(ASKER, confirm);
    assert.equal(done.isError, undefined, demo.text(done));
  }
});

test('a schedule is cancelled, and a digest paused or stopped, only by whoever set it up (or an admin)', async () => {
  await demo.run(ASKER, confirmOf(await demo.run(ASKER, 'start Attendance Kampala at 23:58')));
  const [schedule] = await demo.sql<{ id: number }[]>`select max(id)::int as id from schedules`;
  const subscribed = demo.text(await demo.run(ASKER, 'digest daily 08:00 Kampala'));
  const digest = Number(/#(\d+)/.exec(subscribed)![1]);
  assert.match(demo.text(await demo.run(OTHER, `schedules cancel #${schedule!.id}`)), /no schedule #\d+ that you can/);
  assert.doesNotMatch(demo.text(await demo.run(OTHER, 'schedules')), new RegExp(`#${schedule!.id}\\b`));
  for (const action of ['pause', 'resume', 'stop'])
    assert.match(demo.text(await demo.run(OTHER, `digest ${action} #${digest}`)), /no digest #\d+ that you can/);
  const [kept] = await demo.sql<{ cancelled: boolean; paused: boolean }[]>`
    select (select cancelled_at is not null from schedules where id = ${schedule!.id}) as cancelled,
           (select is_paused from digest_subscriptions where id = ${digest}) as paused`;
  assert.deepEqual({ ...kept }, { cancelled: false, paused: false });
  assert.match(demo.text(await demo.run(ASKER, `schedules cancel #${schedule!.id}`)), /cancelled/);
  assert.match(demo.text(await demo.run(ASKER, `digest stop #${digest}`)), /stopped/i);
});
