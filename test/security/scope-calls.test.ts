// A new query cannot forget the scope quietly: every file that reads contacts, responses,
// answers, inbox messages or figures on a user's behalf calls `limitToScope`, or is listed here
// with the reason it needs no region condition. The leak test proves the calls that exist work.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

/** Where queries run for a user (sync, sending and figures-building run for the whole org). */
const USER_FACING = [
  'commands',
  'jobs',
  'src/core',
  'src/contacts',
  'src/db/queries',
  'src/digests',
  'src/schedules',
  'src/dialogs',
];
const SCOPED_TABLES =
  /\b(from|join)\s+(contacts|responses|answers|inbox_messages|participation_figures|answer_figures|word_figures)\b/;

/** Files that read those tables for everyone, on purpose. */
const UNSCOPED: Record<string, string> = {
  'src/db/queries/build-figures.ts':
    'builds the figures of a poll run for every region (read back through limitToScope)',
  'src/db/queries/derive-answers.ts': 'sync: derives answers from the runs it just mirrored',
  'src/db/queries/build-watch-curves.ts':
    "counts past poll runs' curves for every region, once (read back through limitToScope in load-watch-figures.ts)",
  'src/db/queries/count-mirror.ts':
    "counts what the mirror holds for `sync status`, an admin's command about the whole workspace",
  'src/db/queries/describe-removal.ts':
    "counts what taking a poll, region or group away would do, for setup: an admin's whole-workspace question",
  'src/contacts/push-contact-edit.ts':
    'a job pushing an edit already checked against the scope when it was asked for (findContact)',
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

test('every user-facing query on contacts, answers or figures goes through limitToScope', () => {
  const missing = USER_FACING.flatMap(listFiles).filter((file) => {
    const text = readFileSync(file, 'utf8');
    return SCOPED_TABLES.test(text) && !text.includes('limitToScope(') && !(file in UNSCOPED);
  });
  assert.deepEqual(
    missing,
    [],
    'add limitToScope(sql, scope, column) to these queries, or list the file in UNSCOPED with why',
  );
});
