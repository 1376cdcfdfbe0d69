// What a test's bot or worker process runs. `npm test` bundles these entry points once per run
// (test/run.ts, with esbuild: the transform tsx itself applies, done once instead of per process)
// and every process the tests start runs the bundle with plain node: loading the bot through
// tsx's loader costs about 3.7 s of CPU a process (778 modules, each a round trip to the loader's
// thread), the bundle about 1.1 s, and the suite starts about 75 such processes. Packages stay
// outside the bundle, imported as the bot imports them. A file run on its own (no bundle) and a
// test that checks `npm start` itself run the source through tsx.
import path from 'node:path';

export const bundledEntries = ['src/main.ts', 'test/helpers/worker.ts', 'test/helpers/pace-worker.ts'] as const;
type Entry = (typeof bundledEntries)[number];

/**
 * Where the bundles go. Two folders deep under the repository, as the entry points' own modules
 * are: the bot finds its migrations and locales relative to its module (`../../drizzle`).
 */
export const bundleDir = path.resolve('.data/bundle');

const bundleFile = (entry: Entry) => path.join(bundleDir, `${path.basename(entry, '.ts')}.mjs`);

/** Node's arguments for one of the entry points: its bundle when this run made one, else the source. */
export function entryArgs(entry: Entry, { source = false } = {}): string[] {
  return process.env.TEST_BUNDLED === '1' && !source ? [bundleFile(entry)] : ['--import', 'tsx', entry];
}
