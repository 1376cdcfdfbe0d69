// The demo as `npm start` runs it: the simulator's morning round of Attendance, in which Gulu
// answers five times slower than in its past rounds, reaches the console admin as an alert soon
// after the first prompt, and its buttons work.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startBot } from '../helpers/start-bot.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

test('npm start on a fresh data directory: the admin is told Gulu is behind, and can see who and message them', {
  timeout: 240_000,
}, async (t) => {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracbot-watch-'));
  const bot = startBot({ DATABASE_URL: database.url, DATA_DIR: dataDir });
  t.after(async () => {
    bot.child.kill('SIGKILL');
    await bot.exited;
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await bot.waitFor(/Ready/, 120_000);
  const prompted = Date.now();
  await bot.waitFor(/^Gulu is (far )?behind on Attendance \(\d{4}-\d{2}-\d{2}\)$/m, 120_000);
  assert.ok(Date.now() - prompted < 120_000);
  const alert = bot.stdout().slice(bot.stdout().search(/^Gulu is (far )?behind/m));
  assert.match(alert, /^\d+% complete \(\d+ of \d+\); usually \d+% by now: \d+ contacts short\.$/m);
  assert.match(alert, /^At this pace, about \d+% by \w{3} \d\d:\d\d; usually \d+%\.$/m);
  assert.match(alert, /^\[1\] Message them {3}\[2\] See who {3}\[3\] Mute this poll$/m);
  // The alert's buttons are pressed by their numbers, as a reply's are.
  const who = await bot.type('2', /Not completed: Attendance[\s\S]*\[\d+\] Message them/);
  assert.match(who, /\(Gulu\)/);
  assert.doesNotMatch(who, /\((Kampala|Lira|Nakawa|Kawempe|Wakiso)\)/);
  // Its "Message them" is the alert's first button: the standard reminder, confirmed first.
  const again = /\[(\d+)\] Message them/.exec(who)![1]!;
  const confirm = await bot.type(again, /\[1\] Send to \d+ contacts?/);
  assert.match(confirm, /Attendance/);
});
