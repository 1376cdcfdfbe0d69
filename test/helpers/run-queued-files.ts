// One of test/run.ts's worker processes: it takes the next test file from the run's queue, runs it
// as a suite of its own (the file's hooks and tests inside it, so one file's `before` and `after`
// never touch another's), waits for it to end, and takes the next, until the queue is empty.
// Files share the process one after the other, so the bot's modules and TypeScript's loader start
// once per worker instead of once per file (about 3 s of CPU each). Every test file must leave the
// process as it found it: listeners it adds are removed in its `after`, resources closed there;
// anything it leaves failing later fails the worker, and so the run.
import path from 'node:path';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';
import { takeNext } from './test-queue.ts';

const queue = process.env.TEST_QUEUE;
if (!queue) throw new Error('run the tests with `npm test` (test/run.ts fills the queue this reads)');

// A rejection nobody handled, found after the file that made it ended: node's runner fails the
// worker for it, naming the file's hook but not where the rejection came from; this says.
process.on('unhandledRejection', (reason) => console.log('Unhandled rejection:', reason));

for (let file = takeNext(queue); file; file = takeNext(queue)) {
  const url = pathToFileURL(file).href;
  await describe(path.relative(process.cwd(), file), () => import(url));
}
