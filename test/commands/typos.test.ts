// What people mistype: a command cut short, a day named in their own language, a date that is
// written as one but is none. Each is understood or called by its name, never taken for a region.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';
import { parseDay } from '../../src/domain/parse-day.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('a command cut short suggests the command it begins, before any near miss', async () => {
  assert.match(demo.text(await demo.run('admin', 'part Attendance')), /Did you mean participation\?/);
  assert.match(demo.text(await demo.run('admin', 'nonresp Attendance')), /Did you mean nonrespondents\?/);
  assert.match(demo.text(await demo.run('admin', 'chrat Attendance')), /Did you mean chart\?/);
});

test('digest weekly takes the day in the user’s language, and says when a day is not one', async () => {
  await demo.run('admin', 'lang fr');
  try {
    assert.match(demo.text(await demo.run('admin', 'digest weekly lundi 09:00')), /lundi/);
    assert.match(demo.text(await demo.run('admin', 'digest weekly Mercredi 09:00')), /mercredi/);
    const wrong = demo.text(await demo.run('admin', 'digest weekly lumdi 09:00'));
    assert.match(wrong, /«\slumdi\s» n’est pas un jour de la semaine/);
    assert.doesNotMatch(wrong, /heure au format/, 'the day is named as the problem, not the time');
  } finally {
    await demo.run('admin', 'lang en');
  }
  assert.match(demo.text(await demo.run('admin', 'digest weekly fri 17:30')), /Friday/i);
  const [rows] = await demo.sql<
    { crons: string[] }[]
  >`select array_agg(cron order by id) as crons from digest_subscriptions`;
  assert.deepEqual(rows!.crons, ['0 9 * * 1', '0 9 * * 3', '30 17 * * 5']);
});

test('a day-first date is a date; one that is written as a date but does not exist is called a date error', async () => {
  const latest = demo.text(await demo.run('admin', 'participation Attendance'));
  const day = /— (\d{4})-(\d\d)-(\d\d)/.exec(latest)!;
  const dayFirst = `${day[3]}/${day[2]}/${day[1]}`;
  assert.match(
    demo.text(await demo.run('admin', `participation Attendance ${dayFirst}`)),
    new RegExp(`— ${day[1]}-${day[2]}-${day[3]}`),
  );
  for (const word of ['31/02/2026', '27/13/2026', '2026-02-30']) {
    const answer = demo.text(await demo.run('admin', `results Attendance ${word}`));
    assert.match(answer, new RegExp(`“${word}” is not a date`), word);
    assert.doesNotMatch(answer, /region/i, word);
  }
});

test('parseDay: ISO and day-first forms, real days only', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  assert.deepEqual(parseDay('27/11/2026', now, 'UTC'), { kind: 'day', day: '2026-11-27' });
  assert.deepEqual(parseDay('7.3.2026', now, 'UTC'), { kind: 'day', day: '2026-03-07' });
  assert.deepEqual(parseDay('2026-11-27', now, 'UTC'), { kind: 'day', day: '2026-11-27' });
  assert.deepEqual(parseDay('29/02/2028', now, 'UTC'), { kind: 'day', day: '2028-02-29' });
  assert.deepEqual(parseDay('29/02/2027', now, 'UTC'), { kind: 'invalid' });
  assert.equal(parseDay('Kampala', now, 'UTC'), null);
});
