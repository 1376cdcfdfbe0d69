// `npm test`: one PostgreSQL for the whole run (the embedded one unless DATABASE_URL is set) with
// one migrated template database that every test database copies, then node's test runner over
// every test file (or the files named), two at a time. Ends with the ten slowest files, so every
// run — by hand or in CI — says where the time went.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../src/db/start-embedded-postgres.ts';
import { slowness } from './helpers/slowness.ts';
import { createTemplateDatabase } from './helpers/test-database.ts';

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

const stream = run({ files: files.map((file) => path.resolve(file)), concurrency: 2 });
let failed = false;
const fileTimes = new Map<string, number>();
stream.on('test:fail', ({ todo }) => {
  if (!todo) failed = true;
});
// The runner reports each file as a top-level test named after its path; its duration is the
// file's whole process, imports and databases included.
stream.on('test:complete', ({ name, file, details }) => {
  if (file && name === file) fileTimes.set(path.relative(process.cwd(), file), details.duration_ms);
});
const reported = stream.compose(new spec());
reported.pipe(process.stdout);
await finished(reported);
await template.drop();
await embedded?.stop();

const slowest = [...fileTimes].sort((a, b) => b[1] - a[1]).slice(0, 10);
console.log(
  `\n${fileTimes.size} files in ${((Date.now() - started) / 1000).toFixed(0)} s (slowness ${slowness.toFixed(1)}); the slowest:`,
);
for (const [file, ms] of slowest) console.log(`${(ms / 1000).toFixed(1).padStart(7)} s  ${file}`);
process.exit(failed ? 1 : 0);
