// What a typed line becomes on Telegram: `/start` stays Telegram's (a greeting, an invite's link),
// and a poll is started by `/startpoll`, by `/start` with a poll and a region, or by `start …` typed
// in a private chat — in a group as in a private chat.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commands } from '../../../commands/index.ts';
import { fromText } from '../../../src/adapters/telegram/to-invocation.ts';

const bot = 'tracbot_test_bot';
const line = (text: string, chat: 'private' | 'supergroup' = 'private') =>
  fromText(
    { text, chat: { id: chat === 'private' ? 5 : -100, type: chat }, from: { id: 5, language_code: 'en' } },
    bot,
    commands,
  )?.text ?? null;

test('Telegram’s own /start greets, or redeems the invite its link carries', () => {
  assert.equal(line('/start'), 'help');
  assert.equal(line('/start@tracbot_test_bot', 'supergroup'), 'help');
  assert.equal(line('/start Xy9_k-Qz12abcdef'), 'join Xy9_k-Qz12abcdef');
  // A single word that is not an invite's code is a poll.
  assert.equal(line('/start Attendance'), 'start Attendance');
});

test('a poll starts from /startpoll, from /start with a poll and a region, and from a typed start', () => {
  for (const [typed, chat] of [
    ['/startpoll Attendance Kampala', 'private'],
    ['/start Attendance Kampala', 'private'],
    ['start Attendance Kampala', 'private'],
    ['/startpoll@tracbot_test_bot Attendance Kampala', 'supergroup'],
    ['/start@tracbot_test_bot Attendance Kampala', 'supergroup'],
  ] as const) {
    assert.equal(line(typed, chat), 'start Attendance Kampala', `${typed} in a ${chat} chat`);
  }
  assert.equal(
    line('/startpoll Attendance Kampala at 2026-12-01 08:00'),
    'start Attendance Kampala at 2026-12-01 08:00',
  );
  assert.equal(line('start Attendance Kampala every "0 8 * * 1"'), 'start Attendance Kampala every "0 8 * * 1"');
  assert.equal(line('/startpoll'), 'start');
});

test('menu names come back as the registry’s; a group hears only commands addressed to it', () => {
  assert.equal(line('/fetch_runs 3'), 'fetch-runs 3');
  assert.equal(line('participation Attendance', 'supergroup'), null);
  assert.equal(line('/participation@another_bot Attendance', 'supergroup'), null);
  assert.equal(line('/participation Attendance', 'supergroup'), 'participation Attendance');
});
