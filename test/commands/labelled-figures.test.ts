// Every figure says what it counts: the non-respondents' total, each contact's polls, a restart
// in the message log.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('nonrespondents opens with how many have not completed, of how many asked', async () => {
  const text = demo.text(await demo.run('admin', 'nonrespondents Attendance'));
  const [line] = /^\d[\d,]* of [\d,]+ asked have not completed it \(\d+ no answer, \d+ in part\)\.$/m.exec(text) ?? [];
  assert.ok(line, text);
  const participation = demo.text(await demo.run('admin', 'participation Attendance'));
  const asked = /^Asked: ([\d,]+)$/m.exec(participation)![1]!;
  const complete = /^Complete: ([\d,]+)/m.exec(participation)![1]!;
  const number = (s: string) => Number(s.replaceAll(',', ''));
  assert.match(
    line,
    new RegExp(
      `^${(number(asked) - number(complete)).toLocaleString('en')} of ${number(asked).toLocaleString('en')} asked`,
    ),
  );
});

test('contacts says what its numbers count', async () => {
  const text = demo.text(await demo.run('admin', 'contacts Kawempe'));
  assert.match(text, /\): completed \d+ of the \d+ polls they were asked$/m);
  assert.doesNotMatch(text, /: \d+\/\d+$/m);
});

test('the message log calls a restart a restart', async () => {
  const ask = await demo.run('admin', 'restart Attendance latest Kawempe');
  const confirm = ask.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
  await demo.run('admin', confirm.command, { fromButton: true });
  const log = demo.text(await demo.run('admin', 'messages'));
  assert.match(log.split('\n').find((l) => l.includes('Attendance'))!, /Attendance restarted for \d+ non-respondents/);
});

test('audit speaks in names and words: no ids, JSON or contact:<n>', async () => {
  const [someone] = await demo.sql<
    { id: number; name: string }[]
  >`select id, name from contacts where name is not null and region_id is not null and status = 'active' order by id limit 1`;
  await demo.run('admin', `reply #${someone!.id} Thank you`);
  await demo.run('admin', 'rename Attendance "Daily Attendance"');
  await demo.run('admin', 'rename "Daily Attendance" Attendance');
  const log = demo.text(await demo.run('admin', 'audit 1'));
  assert.match(log, new RegExp(`· ${someone!.name} `));
  assert.match(log, /· Attendance /);
  assert.doesNotMatch(log, /\b(contact|poll|message):\d+|[{}"]|[0-9a-f]{8}-[0-9a-f]{4}-/);
});
