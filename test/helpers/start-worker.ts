// A worker process (test/helpers/worker.ts) against a demo org's database and simulator.
import { spawn } from 'node:child_process';
import type { DemoOrg } from './demo-org.ts';
import { entryArgs } from './process-entry.ts';

export function startWorker(demo: DemoOrg, args: string[]) {
  const child = spawn(process.execPath, [...entryArgs('test/helpers/worker.ts'), ...args], {
    env: {
      ...process.env,
      DATABASE_URL: demo.url,
      RAPIDPRO_URL: demo.simulator.url,
      RAPIDPRO_TOKEN: demo.simulator.token,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ? -1 : code)),
  );
  return {
    child,
    exited,
    /** Lets a worker started with `on-go` begin. */
    go: () => void child.stdin.end('go\n'),
    lines: () =>
      output
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
  };
}
