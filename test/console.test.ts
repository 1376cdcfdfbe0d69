// The scripted demo: the real process, commands piped in, replies read back.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runBot } from './helpers/run-bot.ts';
import { createTestDatabase } from './helpers/test-database.ts';
import { scaled } from './helpers/slowness.ts';

test('piped commands get real figures, and end of input shuts down cleanly', {
  timeout: scaled(120_000),
}, async (t) => {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracbot-'));
  t.after(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const env = { DATABASE_URL: database.url, DATA_DIR: dataDir };
  const { code, stdout, stderr } = await runBot(
    'polls\nparticipation Attendance\nstart Attendance Kampala\n1\nnonsense\n',
    env,
  );
  assert.equal(code, 0, stderr);
  assert.match(stderr, /Synced in [\d.]+ s: 240 contacts, 4 polls, [\d,]+ responses/);
  assert.match(stdout, /^Polls$/m);
  assert.match(stdout, /Attendance — \d{4}-\d{2}-\d{2}: \d+% complete \(\d+ of \d+\)/);
  assert.match(stdout, /^\s+• Central: \d+% complete \(\d+ of \d+\)$/m);
  assert.match(stdout, /^\[1\] Start now   \[2\] Cancel$/m);
  assert.match(stdout, /Attendance for Kampala is queued: \d+ contacts/);
  assert.match(stdout, /I don't know the command “nonsense”/);

  // --json: one JSON line per command, the neutral Reply model.
  const json = await runBot('polls\nhelp\nexport Attendance\nchart Attendance\n', env, ['--json']);
  assert.equal(json.code, 0, json.stderr);
  const all = json.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  // The start confirmed above is reported once RapidPro took it: before the first run ended,
  // or, if that run ended first, by this one, which carried the send on. Once either way.
  const isReport = (line: { blocks: { text?: string }[] }) =>
    /^Attendance started: RapidPro took the poll/.test(line.blocks[0]?.text ?? '');
  const reports =
    (stdout.match(/^Attendance started: RapidPro took the poll for all \d+ contacts\.$/gm) ?? []).length +
    all.filter(isReport).length;
  assert.equal(reports, 1);
  // The demo's watch may post its alert on the morning round meanwhile (test/watch/demo.test.ts).
  const isAlert = (line: { blocks: { text?: string }[] }) => / is (far )?behind on /.test(line.blocks[0]?.text ?? '');
  const lines = all.filter((line) => !isReport(line) && !isAlert(line));
  assert.equal(lines.length, 4);
  assert.equal(lines[0].blocks[0].text, 'Polls');
  assert.equal(lines[1].direction, 'ltr');
  // Files and charts are saved, and the JSON says where: the CSV starts with a byte-order mark
  // (Excel then reads UTF-8), the chart is a PNG.
  const saved = (line: { blocks: { type: string; path?: string }[] }, type: string) =>
    line.blocks.find((b) => b.type === type)?.path;
  const csv = readFileSync(saved(lines[2], 'file')!);
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(csv.toString('utf8'), /Attendance|Date/);
  assert.ok(readFileSync(saved(lines[3], 'image')!).subarray(1, 4).equals(Buffer.from('PNG')));
  assert.ok(saved(lines[2], 'file')!.startsWith(path.join(dataDir, 'files')));
});

test('with no configuration at all it starts its own PostgreSQL, and leaves no process behind', {
  timeout: scaled(180_000),
}, async (t) => {
  const parent = mkdtempSync(path.join(tmpdir(), 'tracbot-zero-'));
  // As root, PostgreSQL runs as the postgres user, which must be able to enter the folder.
  chmodSync(parent, 0o755);
  const dataDir = path.join(parent, 'data');
  t.after(() => rmSync(parent, { recursive: true, force: true }));
  // `npm start` itself: the source through tsx, not the run's bundle (test/helpers/process-entry.ts).
  const first = await runBot('polls\n', { DATA_DIR: dataDir }, [], { source: true });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /Attendance — /);
  assert.match(first.stderr, /generated one in/);
  // Stopped cleanly: PostgreSQL removes its pid file when it shuts down.
  assert.equal(existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), false);
  // The second start reuses the data and the key.
  const key = readFileSync(path.join(dataDir, 'secret-key'), 'utf8');
  const second = await runBot('participation Attendance\n', { DATA_DIR: dataDir });
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /^Asked: \d+  ·  Complete: \d+ \(\d+%\)/m);
  assert.doesNotMatch(second.stderr, /generated one in/);
  assert.equal(readFileSync(path.join(dataDir, 'secret-key'), 'utf8'), key);
});
