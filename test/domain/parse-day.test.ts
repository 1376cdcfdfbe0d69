// Dates in each language's words, as people type them (no accents, lower case), on Friday
// 2026-12-04 in Kampala: one parser for every command and for free questions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDays, parseDay, parseWeekday } from '../../src/domain/parse-day.ts';

const now = new Date('2026-12-04T09:00:00Z');
const day = (text: string, direction?: 'past' | 'future') => {
  const parsed = parseDay(text, now, 'Africa/Kampala', { direction });
  return parsed?.kind === 'day' ? parsed.day : parsed?.kind === 'week' ? parsed.week : parsed?.kind;
};

test('yesterday, the day before, days ago and last Monday in each of the five languages', () => {
  const cases: Record<string, [string, string][]> = {
    en: [
      ['yesterday', '2026-12-03'],
      ['day before yesterday', '2026-12-02'],
      ['3 days ago', '2026-12-01'],
      ['last monday', '2026-11-30'],
      ['today', '2026-12-04'],
    ],
    fr: [
      ['hier', '2026-12-03'],
      ['avant-hier', '2026-12-02'],
      ['il y a 3 jours', '2026-12-01'],
      ['lundi dernier', '2026-11-30'],
      ["aujourd'hui", '2026-12-04'],
    ],
    es: [
      ['ayer', '2026-12-03'],
      ['anteayer', '2026-12-02'],
      ['hace 3 dias', '2026-12-01'],
      ['lunes pasado', '2026-11-30'],
      ['hoy', '2026-12-04'],
    ],
    pt: [
      ['ontem', '2026-12-03'],
      ['anteontem', '2026-12-02'],
      ['há 3 dias', '2026-12-01'],
      ['segunda passada', '2026-11-30'],
      ['hoje', '2026-12-04'],
    ],
    ar: [
      ['أمس', '2026-12-03'],
      ['أول أمس', '2026-12-02'],
      ['قبل 3 أيام', '2026-12-01'],
      ['الاثنين الماضي', '2026-11-30'],
      ['اليوم', '2026-12-04'],
    ],
  };
  for (const [lng, list] of Object.entries(cases))
    for (const [text, expected] of list) assert.equal(day(text), expected, `${lng}: ${text}`);
});

test('a day name alone is the last such day when looking back, the next one when scheduling', () => {
  for (const name of ['tuesday', 'mardi', 'martes', 'terça', 'الثلاثاء']) {
    assert.equal(day(name), '2026-12-01', name);
    assert.equal(day(name, 'future'), '2026-12-08', name);
  }
  // Friday is today: looking back it is today, "last Friday" the one before.
  assert.equal(day('friday'), '2026-12-04');
  assert.equal(day('last friday'), '2026-11-27');
  assert.equal(day('demain', 'future'), '2026-12-05');
});

test('weeks: this week and last week in each language, and ISO weeks', () => {
  for (const text of ['this week', 'cette semaine', 'esta semana', 'essa semana', 'هذا الأسبوع'])
    assert.equal(day(text), '2026-W49', text);
  for (const text of ['last week', 'la semaine dernière', 'la semana pasada', 'semana passada', 'الأسبوع الماضي'])
    assert.equal(day(text), '2026-W48', text);
  assert.deepEqual(parseDay('2026-w48', now, 'UTC'), {
    kind: 'week',
    week: '2026-W48',
    from: '2026-11-23',
    to: '2026-11-29',
  });
  assert.equal(day('2026-W60'), 'invalid');
});

test('names of regions and polls, months alone and short words are not dates', () => {
  for (const word of [
    'Kampala',
    'Gulu',
    'Lira',
    'Nakawa',
    'Wakiso',
    'Central',
    'Northern',
    'Attendance',
    'may',
    'mar',
    'sam',
    'dom',
    'أحد',
  ])
    assert.equal(parseDay(word, now, 'Africa/Kampala'), null, word);
});

test('dates inside a line of words, with the hour that comes with them', () => {
  assert.deepEqual(findDays('participation Attendance lundi dernier Gulu'.split(' '), now, 'Africa/Kampala'), [
    { start: 2, end: 4, query: { kind: 'day', day: '2026-11-30' } },
  ]);
  const [tomorrow] = findDays('start Feedback Gulu tomorrow at 9'.split(' '), now, 'Africa/Kampala', {
    direction: 'future',
  });
  assert.deepEqual(tomorrow, {
    start: 3,
    end: 6,
    query: { kind: 'day', day: '2026-12-05' },
    time: { hour: 9, minute: 0 },
  });
});

test('weekday names for digests, in any of the five languages', () => {
  for (const name of ['monday', 'lundi', 'lunes', 'segunda', 'الاثنين']) assert.equal(parseWeekday(name), 1, name);
  assert.equal(parseWeekday('Kampala'), null);
});
