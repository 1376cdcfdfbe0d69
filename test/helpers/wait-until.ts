// Waiting in a test for what it asserts: `condition` is checked every 20 ms until it holds, for at
// most `idleMs` as on an idle machine, stretched by the run's slowness (test/helpers/slowness.ts).
import pWaitFor from 'p-wait-for';
import { scaled } from './slowness.ts';

export function waitUntil(condition: () => boolean | Promise<boolean>, what: string, idleMs = 5_000) {
  const milliseconds = scaled(idleMs);
  return pWaitFor(condition, {
    interval: 20,
    timeout: { milliseconds, message: `${what}: not within ${milliseconds} ms` },
  });
}
