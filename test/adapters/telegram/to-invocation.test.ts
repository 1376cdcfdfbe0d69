// What a typed line becomes on Telegram: `/start` stays Telegram's (a greeting, an invite's link),
// and a poll is started by `/startpoll`, by `/start` with a poll and a region, or by `start …` typed
// in a private chat — in a group as in a private chat.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commands } from '../../../commands/index.ts';
import { fromText } from '../../../src/adapters/telegram/to-invocation.ts';

const bot = { username: 'tracbot_test_bot', id: 42 };
const line = (text: string, chat: 'private' | 'supergroup' = 'private', repliedTo?: number) =>
  fromText(
    {
      text,
      chat: { id: chat === 'private' ? 5 : -100, type: chat },
      from: { id: 5, language_code: 'en' },
      ...(repliedTo ? { reply_to_message: { from: { id: repliedTo } } } : {}),
    },
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

test('in a group, a line that mentions the bot or answers its message is for it, without the mention', () => {
  assert.equal(line('@tracbot_test_bot how is attendance in gulu?', 'supergroup'), 'how is attendance in gulu?');
  assert.equal(line('how is attendance in gulu @TracBot_Test_Bot', 'supergroup'), 'how is attendance in gulu');
  assert.equal(line('and in lira?', 'supergroup', bot.id), 'and in lira?');
  // Another bot's message answered, another bot named, an e-mail address: not for this bot.
  assert.equal(line('and in lira?', 'supergroup', 7), null);
  assert.equal(line('@tracbot_test_bot_two how is attendance', 'supergroup'), null);
  assert.equal(line('write to ops@tracbot_test_bot.org', 'supergroup'), null);
  // In a private chat every line is for the bot.
  assert.equal(line('how is attendance in gulu?'), 'how is attendance in gulu?');
});
