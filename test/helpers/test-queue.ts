// The queue of test files test/run.ts fills and its workers (run-queued-files.ts) take from: a
// folder with an entry per file, named by its place in the queue and holding the file's path. A
// worker claims an entry by renaming it, which only one can do.
import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const waiting = (queue: string) => readdirSync(queue).filter((name) => /^\d+$/.test(name));

/** A new queue holding `files` (paths) in this order. */
export function fillQueue(files: string[]): string {
  const queue = mkdtempSync(path.join(tmpdir(), 'tracbot-tests-'));
  files.forEach((file, i) => writeFileSync(path.join(queue, String(i).padStart(4, '0')), path.resolve(file)));
  return queue;
}

/** The next file in queue order, claimed for this process; undefined once the queue is empty. */
export function takeNext(queue: string): string | undefined {
  for (const entry of waiting(queue).sort()) {
    const taken = path.join(queue, `${entry}.taken`);
    try {
      renameSync(path.join(queue, entry), taken);
    } catch {
      continue; // another worker took it first
    }
    return readFileSync(taken, 'utf8');
  }
  return undefined;
}

/** How many files no worker took. */
export const countUntaken = (queue: string) => waiting(queue).length;
