// `npm test`: one PostgreSQL for the whole run (the embedded one unless DATABASE_URL is set) with
// one migrated template database that every test database copies, and one synced demo org that
// every plain `createDemoOrg()` copies, and one bundle of each process the tests start (bot,
// worker); then every test file (or the files named) through node's test runner, in a few worker
// processes that each take the next file from a queue (test/helpers/run-queued-files.ts), the
// longest first. Ends with the ten slowest files, so every run — by hand or in CI — says where
// the time went.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { finished } from 'node:stream/promises';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { build } from 'esbuild';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../src/db/start-embedded-postgres.ts';
import { bundleDir, bundledEntries } from './helpers/process-entry.ts';
import { slowness } from './helpers/slowness.ts';
import { createTemplateDatabase, dropTemplates } from './helpers/test-database.ts';
import { countUntaken, fillQueue } from './helpers/test-queue.ts';

/**
 * The tests' own server holds nothing that must survive a crash of the machine: it need not wait
 * for the disk at each commit, nor when a database is copied or dropped (a second each, else).
 */
async function skipDiskFlushes(url: string) {
  const sql = postgres(url, { max: 1 });
  for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes'])
    await sql.unsafe(`alter system set ${setting} = off`);
  await sql`select pg_reload_conf()`;
  await sql.end();
}

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return findTests(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

/**
 * Workers at once: two per core of the machine this suite is measured on. Many files wait on a
 * bot process, a fake's answer or an outage of seconds; with three workers the CPU was half idle
 * while the waiting files ran together (401 s a run), with four it is kept busy (341 s).
 */
const WORKERS = Number(process.env.TEST_WORKERS ?? 4);
/** Each file's time in the last run on this machine (kept out of git), to start the longest first. */
const TIMES = '.data/test-times.json';

function readLastTimes(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(TIMES, 'utf8'));
  } catch {
    return {};
  }
}

/**
 * A file with no time of its own yet (every file in a fresh clone, as in CI) is guessed from what
 * it does: starting real processes or syncing a demo org afresh takes tens of seconds, copying the
 * run's demo org seconds, the rest less.
 */
function guessTime(file: string): number {
  const text = readFileSync(file, 'utf8');
  if (/startBot\(|runBot\(|startWorker\(|spawn\(|createDemoOrg\(\{/.test(text)) return 30_000;
  if (/createDemoOrg\(|openWorld\(/.test(text)) return 10_000;
  return 0;
}

/** Longest first, so that no long file starts last: by the last run's times, else by a guess; then by name. */
function longestFirst(files: string[]): string[] {
  const last = readLastTimes();
  const time = new Map(files.map((file) => [file, last[file] ?? guessTime(file)]));
  return [...files].sort((a, b) => time.get(b)! - time.get(a)! || a.localeCompare(b));
}

/** Each worker a file of its own: node's runner tells files apart by their paths. */
function writeWorkers(queue: string, count: number): string[] {
  const take = pathToFileURL(path.resolve('test/helpers/run-queued-files.ts')).href;
  return Array.from({ length: count }, (_, i) => {
    const worker = path.join(queue, `worker-${i + 1}.mjs`);
    writeFileSync(worker, `import ${JSON.stringify(take)};\n`);
    return worker;
  });
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : findTests('test').sort();
const started = Date.now();
const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: '.data/test' });
const databaseUrl = process.env.DATABASE_URL ?? embedded!.url;
if (embedded) await skipDiskFlushes(embedded.url);
const template = await createTemplateDatabase(databaseUrl);
// The test files run in child processes (with tsx, inherited from this one) and read these there;
// the slowness was measured as this process imported it, before anything of ours ran.
Object.assign(process.env, {
  TEST_DATABASE_URL: databaseUrl,
  TEST_TEMPLATE_DATABASE: template.name,
  TEST_SLOWNESS: String(slowness),
});
// The demo org most test files start from, synced once here and copied by createDemoOrg().
const { keepDemoTemplate } = await import('./helpers/demo-org.ts');
const demoTemplate = `${template.name}_demo`;
Object.assign(process.env, await keepDemoTemplate(demoTemplate));

// The bot and worker processes the tests start run one bundle each, made here (why: process-entry.ts).
rmSync(bundleDir, { recursive: true, force: true });
await build({
  entryPoints: [...bundledEntries],
  outdir: bundleDir,
  entryNames: '[name]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // What an entry imports only when it needs it (a worker's mode, the bot's lazy parts) stays a
  // chunk of its own, loaded then, as it is from source.
  splitting: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: `node${process.versions.node}`,
  logLevel: 'warning',
});
process.env.TEST_BUNDLED = '1';

const queue = fillQueue(longestFirst(files));
const workers = writeWorkers(queue, Math.min(WORKERS, files.length));
Object.assign(process.env, { TEST_QUEUE: queue });
const stream = run({ files: workers, concurrency: workers.length });
let failed = false;
const fileTimes = new Map<string, number>();
stream.on('test:fail', ({ todo }) => {
  if (!todo) failed = true;
});
// A worker reports each test file as a suite named after the file's path; its duration is the
// file's hooks and tests, its own imports included (the bot's shared ones load once per worker).
stream.on('test:complete', ({ name, nesting, details }) => {
  if (nesting === 0 && name.endsWith('.test.ts')) fileTimes.set(name, details.duration_ms);
});
const reported = stream.compose(new spec());
reported.pipe(process.stdout);
await finished(reported);
await dropTemplates([demoTemplate]);
await template.drop();
await embedded?.stop();
// Files no worker took (every worker ended early: a crash takes its process down) did not run.
const untaken = countUntaken(queue);
if (untaken > 0) {
  failed = true;
  console.log(`\n${untaken} test files did not run: every worker ended before taking them`);
}
rmSync(queue, { recursive: true, force: true });
if (only.length === 0) {
  mkdirSync(path.dirname(TIMES), { recursive: true });
  writeFileSync(TIMES, JSON.stringify(Object.fromEntries(fileTimes), null, 1));
}

const slowest = [...fileTimes].sort((a, b) => b[1] - a[1]).slice(0, 10);
console.log(
  `\n${fileTimes.size} files in ${((Date.now() - started) / 1000).toFixed(0)} s (slowness ${slowness.toFixed(1)}); the slowest:`,
);
for (const [file, ms] of slowest) console.log(`${(ms / 1000).toFixed(1).padStart(7)} s  ${file}`);
process.exit(failed ? 1 : 0);
