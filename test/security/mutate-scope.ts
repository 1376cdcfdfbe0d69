// Mutation check of the scope rule: removes one scope condition at a time — a `limitToScope(…)`
// call becomes an empty fragment, an `isInScope(…)` check becomes `true` — and runs the leak test
// (test/security/scope-leak.test.ts) against it. Every removal that could let something through
// must make the test fail. The few that cannot are listed below (CANNOT_LEAK) with why; they are
// run only with --all, to see that they still survive.
//
// The worktree is never changed: each worker mutates a copy of the code under .data/mutate/,
// removed when the tool ends, however it ends (Ctrl-C, SIGTERM, a crash; one left by a tool
// killed outright is replaced at the next start). The two worlds the leak test compares are set
// up once and kept as database templates that each run copies; the lines of the commands that
// import the mutated file run first, so a caught mutation stops early.
//
//   npx tsx test/security/mutate-scope.ts              # every call site, two at a time
//   npx tsx test/security/mutate-scope.ts load-answers # only call sites in files matching
//   npx tsx test/security/mutate-scope.ts --all        # the ones that cannot leak too
//   MUTATE_JOBS=1 npx tsx test/security/mutate-scope.ts
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/start-embedded-postgres.ts';

const ROOTS = ['src', 'commands', 'jobs'];
const HELPER = path.join('src', 'db', 'limit-to-scope.ts');
const LEAK_TEST = 'test/security/scope-leak.test.ts';
const DATA_DIR = '.data/mutate';
/** What a worker's copy of the code holds: what the leak test imports and reads. */
const TREE = ['src', 'commands', 'jobs', 'locales', 'test', 'drizzle'];
/** Runs at once: one per core of the machine this is meant for. */
const JOBS = Number(process.env.MUTATE_JOBS ?? 2);

/**
 * Conditions whose removal lets nothing through, by file and a piece of the call: each is a
 * choice among figures or regions the SQL already limited to the scope.
 */
const CANNOT_LEAK: { file: string; call: string; why: string }[] = [
  {
    file: 'src/db/queries/read-audit-log.ts',
    call: 'limitToScope(',
    why: 'audit is for admins, whose scope is the whole workspace: the condition never narrows anything',
  },
  {
    file: 'src/db/queries/load-contact.ts',
    call: 'limitToScope(',
    why: 'repeats the scope of the search that found the contact (src/contacts/find-contact.ts, whose condition is caught)',
  },
  {
    file: 'src/db/queries/list-contact-inbox.ts',
    call: 'limitToScope(',
    why: 'the inbox of a contact findContact found in the scope: repeats that search’s condition, which is caught',
  },
  {
    file: 'src/charts/chart-regions.ts',
    call: 'isInScope(',
    why: 'which of the already-limited figures a chart draws: without it the chart draws Kampala itself instead of its districts, nothing from outside',
  },
  {
    file: 'src/core/answer-question.ts',
    call: 'isInScope(scope, region.id)',
    why: 'which region names a free question is read against: a region outside becomes the command that then refuses it (resolveRegion, caught), in the words it uses when the name is typed',
  },
  {
    file: 'commands/chart/draw-map.ts',
    call: 'isInScope(target.scope, id)',
    why: 'which regions a map shades, among figures the SQL limited: without it the map shades Kampala instead of its districts',
  },
  {
    file: 'src/db/queries/load-watch-figures.ts',
    call: "limitToScope(sql, scope, 'region_id')",
    why: 'the open run’s figures and past curves per region: each region’s standing is rolled up from its own descendants only (src/domain/judge-run.ts), and every reader shows only the person’s regions (forecast, watch and digests through regionsBehind; alerts through the claim’s grant), so regions outside are judged and never shown',
  },
];

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
function findMutations(files: string[]): Mutation[] {
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

const cannotLeak = (m: Mutation) => CANNOT_LEAK.find((c) => c.file === m.file && m.call.startsWith(c.call));

const children = new Set<ChildProcess>();

/** Runs the leak test in a worker's copy of the code; true when it passes. */
function runLeakTest(tree: string, env: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', LEAK_TEST], {
      cwd: tree,
      stdio: process.env.MUTATE_VERBOSE ? 'inherit' : 'ignore',
      env: { ...process.env, ...env },
    });
    children.add(child);
    child.on('exit', (code) => (children.delete(child), resolve(code === 0)));
  });
}

/** A worker's own copy of the code (node_modules is found in the worktree above it). */
function copyTree(worker: number): string {
  const tree = path.resolve(DATA_DIR, `tree-${worker}`);
  rmSync(tree, { recursive: true, force: true });
  for (const dir of TREE) cpSync(dir, path.join(tree, dir), { recursive: true });
  return tree;
}

async function main() {
  const all = process.argv.includes('--all');
  const only = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
  mkdirSync(DATA_DIR, { recursive: true });
  const started = Date.now();
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, 'pg') });
  const databaseUrl = process.env.DATABASE_URL ?? embedded!.url;
  process.env.TEST_DATABASE_URL = databaseUrl;
  const trees = Array.from({ length: JOBS }, (_, worker) => copyTree(worker));
  const removeTrees = () => trees.forEach((tree) => rmSync(tree, { recursive: true, force: true }));
  // However this process ends, the runs stop and the copies go.
  const stop = (code: number) => {
    for (const child of children) child.kill('SIGKILL');
    removeTrees();
    void (embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(code));
  };
  process.on('exit', removeTrees);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)
    process.on(signal, () => stop(code));
  process.on('uncaughtException', (error) => (console.error(error), stop(1)));
  process.on('unhandledRejection', (error) => (console.error(error), stop(1)));

  const mutations = findMutations(ROOTS.flatMap(listFiles).filter((f) => !only || f.includes(only)));
  // The worlds, set up once in this process (unmutated) and kept as templates for every run.
  const { keepWorlds } = await import('./leak-worlds.ts');
  const { dropTemplates } = await import('../helpers/test-database.ts');
  const templates = await keepWorlds(`mutate_${process.pid}`);
  const env = { TEST_DATABASE_URL: databaseUrl, SCOPE_LEAK_TEMPLATES: templates.join(',') };
  try {
    // The test as it is, whole, alongside the first mutations: it must pass for their outcomes to mean anything.
    const unmutated = runLeakTest('.', env);
    const survived: Mutation[] = [];
    let caught = 0;
    let listedSurvived = 0;
    const queue = mutations.map((mutation, i) => ({ mutation, i }));
    const work = async (tree: string) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { mutation, i } = next;
        const where = `${mutation.file}:${mutation.line} ${mutation.call.replace(/\s+/g, ' ')}`;
        const reason = cannotLeak(mutation);
        const line = (outcome: string) =>
          console.log(`${String(i + 1).padStart(2)}/${mutations.length} ${outcome} ${where}`);
        if (reason && !all) {
          line(`cannot leak`);
          continue;
        }
        const began = Date.now();
        writeFileSync(path.join(tree, mutation.file), mutation.mutated);
        const passed = await runLeakTest(tree, { ...env, SCOPE_LEAK_FIRST: mutation.file, SCOPE_LEAK_FAIL_FAST: '1' });
        writeFileSync(path.join(tree, mutation.file), mutation.original);
        if (passed && !reason) survived.push(mutation);
        if (!passed && !reason) caught++;
        if (passed && reason) listedSurvived++;
        const seconds = ((Date.now() - began) / 1000).toFixed(0);
        line(`${passed ? 'SURVIVED' : 'caught  '}${reason ? ' (listed as cannot leak)' : ''} (${seconds} s)`);
      }
    };
    await Promise.all(trees.map(work));
    if (!(await unmutated)) throw new Error('the leak test fails without any mutation: fix it first');
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    const listed = mutations.filter(cannotLeak).length;
    console.log('');
    for (const { file, why } of CANNOT_LEAK) console.log(`cannot leak, ${file}: ${why}`);
    console.log(
      `\n${caught} of ${mutations.length - listed} mutations caught by ${LEAK_TEST}; ${listed} listed as cannot leak${all ? ` (run too: ${listedSurvived} survived)` : ''}; ${minutes} min with ${JOBS} at a time`,
    );
    process.exitCode = survived.length === 0 ? 0 : 1;
  } finally {
    await dropTemplates(templates);
    await embedded?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
