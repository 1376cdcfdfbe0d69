// Mutation check of the scope rule: removes one scope condition at a time — a `limitToScope(…)`
// call becomes an empty fragment, an `isInScope(…)` check becomes `true` — and runs the leak test
// (test/security/scope-leak.test.ts) against it. Every mutation must make the test fail; the
// file is restored after each run (and on Ctrl-C).
//
//   npx tsx test/security/mutate-scope.ts            # every call site
//   npx tsx test/security/mutate-scope.ts load-answers # only call sites in files matching
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/start-embedded-postgres.ts';

const ROOTS = ['src', 'commands', 'jobs'];
const HELPER = path.join('src', 'db', 'limit-to-scope.ts');
const LEAK_TEST = 'test/security/scope-leak.test.ts';

interface Mutation {
  file: string;
  line: number;
  original: string;
  mutated: string;
  call: string;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** The index just past the parenthesis closing the one at `open`. */
function closeOf(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced call at ${open}`);
}

/** One mutation per call site, in file order. */
export function findMutations(files: string[]): Mutation[] {
  const mutations: Mutation[] = [];
  for (const file of files) {
    if (file === HELPER) continue;
    const original = readFileSync(file, 'utf8');
    for (const match of original.matchAll(/\b(limitToScope|isInScope)\(/g)) {
      const start = match.index!;
      const end = closeOf(original, start + match[1]!.length);
      const call = original.slice(start, end);
      // A condition that vanishes: no rows dropped by region, no region refused.
      const replacement =
        match[1] === 'limitToScope' ? `${call.slice('limitToScope('.length).split(',')[0]!.trim()}\`\`` : 'true';
      mutations.push({
        file,
        line: original.slice(0, start).split('\n').length,
        original,
        mutated: original.slice(0, start) + replacement + original.slice(end),
        call,
      });
    }
  }
  return mutations;
}

function runLeakTest(databaseUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', LEAK_TEST], {
      stdio: 'ignore',
      env: { ...process.env, TEST_DATABASE_URL: databaseUrl, SCOPE_LEAK_FAIL_FAST: '1' },
    });
    child.on('exit', (code) => resolve(code === 0));
  });
}

async function main() {
  const only = process.argv[2];
  const files = ROOTS.flatMap(listFiles).filter((f) => !only || f.includes(only));
  const mutations = findMutations(files);
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: '.data/mutate' });
  const databaseUrl = process.env.DATABASE_URL ?? embedded!.url;
  let current: Mutation | null = null;
  const restore = () => current && writeFileSync(current.file, current.original);
  process.on('SIGINT', () => (restore(), process.exit(130)));
  try {
    if (!(await runLeakTest(databaseUrl))) throw new Error('the leak test fails without any mutation: fix it first');
    let caught = 0;
    for (const [i, mutation] of mutations.entries()) {
      current = mutation;
      writeFileSync(mutation.file, mutation.mutated);
      const passed = await runLeakTest(databaseUrl).finally(restore);
      current = null;
      if (!passed) caught++;
      console.log(
        `${String(i + 1).padStart(2)}/${mutations.length} ${passed ? 'SURVIVED' : 'caught  '} ${mutation.file}:${mutation.line} ${mutation.call.replace(/\s+/g, ' ')}`,
      );
    }
    console.log(`\n${caught} of ${mutations.length} mutations caught by ${LEAK_TEST}`);
    process.exitCode = caught === mutations.length ? 0 : 1;
  } finally {
    restore();
    await embedded?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
