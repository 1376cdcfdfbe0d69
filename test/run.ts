// `npm test`: one PostgreSQL for the whole run (the embedded one unless DATABASE_URL is set),
// then node's test runner over every test file. Each test file makes its own database in it.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/db/start-embedded-postgres.ts';

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return findTests(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : findTests('test').sort();
const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: '.data/test' });
const databaseUrl = process.env.DATABASE_URL ?? embedded!.url;

const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: databaseUrl },
  });
  child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
});
await embedded?.stop();
process.exit(code);
