// Every reply the scripted console gives, for a walk through every command (and setup's
// questions, pressed and cancelled), in English and in French: none may show a value that was
// never filled in ("undefined", "null", "NaN", "[object …]").
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { commands } from '../commands/index.ts';
import { runBot } from './helpers/run-bot.ts';
import { createTestDatabase } from './helpers/test-database.ts';
import { scaled } from './helpers/slowness.ts';

/** Admin changes whose answers show names and counts: a removal asked and confirmed, one cancelled. */
const setupWalk = [
  'setup regions Lira',
  '1',
  'setup',
  'setup regions add Central Kampala Kawempe Nakawa Wakiso Northern Gulu',
  'setup reporters remove Teachers',
  '2',
  'setup polls remove Feedback',
  '1',
  'setup polls add Feedback',
  'setup',
  'sync status',
];

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

test('no reply of a walk through every command shows an unfilled value', { timeout: scaled(300_000) }, async (t) => {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracbot-'));
  t.after(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const samples = commands.flatMap((command) => command.samples);
  const walk = [...setupWalk, ...samples, 'lang fr', ...samples, ...setupWalk.slice(0, 3)];
  const { code, stdout, stderr } = await runBot(
    `${walk.join('\n')}\n`,
    { DATABASE_URL: database.url, DATA_DIR: dataDir },
    ['--json'],
  );
  assert.equal(code, 0, stderr);
  const replies = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { blocks: unknown[] });
  assert.ok(replies.length >= walk.length - 2, `${replies.length} replies to ${walk.length} lines`);
  for (const reply of replies) {
    const text = strings(reply.blocks).join('\n');
    assert.doesNotMatch(text, /\bundefined\b|\bnull\b|\bNaN\b|\[object/, text);
  }
  // The walk did what it says: the removal was asked, and confirmed.
  const all = replies.map((reply) => strings(reply.blocks).join('\n')).join('\n');
  assert.match(all, /Take regions away\?/);
  assert.match(all, /^Saved\. Regions: Lira\.$/m);
});
