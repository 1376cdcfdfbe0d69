// The audit log is the whole story: what sends, schedules, changes access or changes the setup is
// there, in words — names, never internal ids or uuids.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runScheduleJob } from '../../jobs/run-schedule.ts';
import type { Reply } from '../../src/core/reply.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

const press = async (who: string, reply: Reply) => {
  const button = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
  return demo.run(who, button.command, { fromButton: true });
};

test('schedules, reminders, digests, invites and cancellations are in the audit, in words', async () => {
  await press('admin', await demo.run('admin', 'start Attendance Kampala at 2999-01-04 08:00'));
  const every = await press('admin', await demo.run('admin', 'start Attendance Gulu every "0 9 * * MON"'));
  const everyId = /#(\d+)/.exec(demo.text(every))![1];
  const reminder = await press(
    'kampala-supervisor',
    await demo.run('kampala-supervisor', 'remind Attendance after 2h'),
  );
  const reminderId = Number(/#\u2068?(\d+)/.exec(demo.text(reminder))![1]);
  await demo.run('admin', `schedules cancel #${everyId}`);
  const digest = demo.text(await demo.run('admin', 'digest daily 08:00 Kampala'));
  const digestId = /#(\d+)/.exec(digest)![1];
  await demo.run('admin', `digest pause #${digestId}`);
  await demo.run('admin', `digest stop #${digestId}`);
  const invite = demo.text(await demo.run('admin', 'invite supervisor Gulu'));
  const code = /join (\S+)/.exec(invite)![1];
  await demo.run('newcomer', `join ${code}`, { userName: 'Grace Newcomer' });
  await demo.run('admin', 'supervisor add console:bob Lira');
  await press('admin', await demo.run('admin', 'message Attendance nonrespondents Please answer today'));
  // The reminder's time comes: what it sent is recorded under the person who set it.
  assert.deepEqual(await runScheduleJob.run(demo.syncDeps, { scheduleId: reminderId }), { reminded: 1 });

  const text = demo.text(await demo.run('admin', 'audit'));
  const entries = text.split('\n');
  /** An entry whose start reads `head`, holding every one of `parts`. */
  const has = (head: string, parts: (string | RegExp)[]) =>
    assert.ok(
      entries.some(
        (entry) =>
          entry.includes(` · ${head}`) &&
          parts.every((part) => (typeof part === 'string' ? entry.includes(part) : part.test(entry))),
      ),
      `${head} ${parts.join(', ')} in\n${text}`,
    );
  has('admin · scheduled a poll start · Attendance', [/schedule: #\d+/, 'region: Kampala', 'when: on ']);
  has('admin · scheduled a poll start · Attendance', ['region: Gulu', 'when: at 09:00, only on Monday']);
  has('kampala-supervisor · set a reminder · Attendance', [/schedule: #\d+/, /poll date: \d{4}-\d\d-\d\d/]);
  has('admin · cancelled a schedule · Attendance', [/schedule: #\d+/, 'kind: poll start']);
  has('admin · set up a digest', [/digest: #\d+/, 'when: every day at 08:00', 'regions: Kampala']);
  has('admin · paused a digest', [/digest: #\d+/]);
  has('admin · stopped a digest', [/digest: #\d+/]);
  has('admin · created an invite', ['role: Supervisor', 'regions: Gulu']);
  has('Grace Newcomer · joined with an invite · Grace Newcomer', ['role: Supervisor']);
  has('admin · added a supervisor · bob', ['regions: Lira']);
  has('admin · sent a message · Attendance', ['to: non-respondents', /contacts: \d+/]);
  has('kampala-supervisor · scheduled reminder sent · Attendance', [/schedule: #\d+/, /contacts: \d+/]);
  // No internal ids nor uuids, whatever the entry.
  assert.doesNotMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-/);
  assert.doesNotMatch(text, /regionId|pollRunId|messageId|console:/);
  // The invite's code is a secret: not recorded.
  assert.doesNotMatch(text, new RegExp(code!));
});

test('older entries recorded with ids read in words too', async () => {
  const [poll] = await demo.sql<{ id: number }[]>`select id from polls where name = 'Enrolment'`;
  const [region] = await demo.sql<{ id: number }[]>`select id from regions where name = 'Wakiso'`;
  const [group] = await demo.sql<{ uuid: string }[]>`select uuid from reporter_groups order by name limit 1`;
  const [name] = await demo.sql<{ name: string }[]>`select name from reporter_groups order by name limit 1`;
  await demo.sql`
    insert into audit_log (org_id, identity_id, action, target, details)
    values (${demo.org.id}, null, 'poll.start', ${`poll:${poll!.id}`},
            ${JSON.stringify({ pollRunId: 99, regionId: region!.id, contacts: 12, groups: [group!.uuid] })}::jsonb)`;
  const text = demo.text(await demo.run('admin', 'audit'));
  const line = text.split('\n').find((l) => l.includes('started a poll · Enrolment'))!;
  for (const part of ['region: Wakiso', 'contacts: 12', `groups: ${name!.name}`]) assert.ok(line.includes(part), line);
  assert.doesNotMatch(line, /99|pollRunId/);
});
