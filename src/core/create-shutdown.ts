// Shutdown in steps, in the reverse order of start-up, all within one deadline: each step gets
// its own limit or what is left, whichever is less, and one that overruns is left behind (the
// process is about to exit) so the steps after it still run. A job still running when its
// drain's time is up stops with the process; its lock is given up and the next process (this
// one restarted, or another) takes it up.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

export interface Shutdown {
  /** `run` is given the milliseconds it may take; it is not waited for past them. */
  add(name: string, limitMs: number, run: (budgetMs: number) => Promise<unknown>): void;
  run(): Promise<void>;
}

export function createShutdown(log: Logger, deadlineMs: number): Shutdown {
  const steps: { name: string; limitMs: number; run: (budgetMs: number) => Promise<unknown> }[] = [];
  return {
    add: (name, limitMs, run) => void steps.push({ name, limitMs, run }),
    async run() {
      const deadline = Date.now() + deadlineMs;
      for (const step of steps.reverse()) {
        const budget = Math.max(100, Math.min(step.limitMs, deadline - Date.now()));
        log.debug({ step: step.name, budget }, 'shutting down');
        const timer = new AbortController();
        const outcome = await Promise.race([
          step.run(budget).then(
            () => 'done' as const,
            (error: unknown) => (log.error({ err: error, step: step.name }, 'shutdown step failed'), 'failed' as const),
          ),
          sleep(budget, 'late' as const, { signal: timer.signal }).catch(() => 'done' as const),
        ]);
        timer.abort();
        if (outcome === 'late') log.warn({ step: step.name, budget }, 'shutdown step left unfinished');
      }
    },
  };
}
