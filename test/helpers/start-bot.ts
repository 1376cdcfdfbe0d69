// The real bot process (`npm start`'s entry point) kept running: lines are typed into it one at
// a time, its output is awaited by pattern, and it is stopped with a signal.
import { spawn, type ChildProcess } from 'node:child_process';
import { entryArgs } from './process-entry.ts';
import { scaled } from './slowness.ts';

export interface RunningBot {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /**
   * Resolves when `pattern` appears in stdout or stderr. Time limits here are an idle machine's;
   * they are stretched by the run's slowness.
   */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Types a line and resolves with the stdout it caused, once `until` appears in it. */
  type(line: string, until: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

export function startBot(env: Record<string, string>, args: string[] = [], { source = false } = {}): RunningBot {
  const child = spawn(process.execPath, [...entryArgs('src/main.ts', { source }), ...args], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const poke = () => waiters.forEach((w) => w());
  child.stdout!.on('data', (chunk) => ((out += chunk), poke()));
  child.stderr!.on('data', (chunk) => ((err += chunk), poke()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => (resolve({ code, signal, at: Date.now() }), poke())),
  );
  const until = (test: () => boolean, what: string, idleMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timeoutMs = scaled(idleMs);
      const check = () => {
        if (test()) return (done(), resolve());
        if (child.exitCode !== null || child.signalCode !== null) {
          done();
          reject(
            new Error(
              `the bot exited (${child.exitCode ?? child.signalCode}) before ${what}\n--- stdout\n${out}\n--- stderr\n${err}`,
            ),
          );
        }
      };
      const timer = setTimeout(
        () => (done(), reject(new Error(`no ${what} within ${timeoutMs} ms\n--- stdout\n${out}\n--- stderr\n${err}`))),
        timeoutMs,
      );
      const done = () => (clearTimeout(timer), waiters.delete(check));
      waiters.add(check);
      check();
    });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern, timeoutMs = 60_000) =>
      until(() => pattern.test(out) || pattern.test(err), String(pattern), timeoutMs),
    async type(line, pattern, timeoutMs = 30_000) {
      const from = out.length;
      child.stdin!.write(line + '\n');
      await until(() => pattern.test(out.slice(from)), `${String(pattern)} after "${line}"`, timeoutMs);
      return out.slice(from);
    },
  };
}
