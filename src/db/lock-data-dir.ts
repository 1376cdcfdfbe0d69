// One bot at a time on a data directory: its embedded PostgreSQL can only have one owner. The
// lock is a file holding the owner's pid; a file left by a bot that died (kill -9, power cut) is
// recognised by its pid no longer running and taken over.
import { readFileSync, rmSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`another TracBot is using ${dataDir} (process ${pid}). Stop it first, or give this one another DATA_DIR.`);
    this.name = 'DataDirInUseError';
  }
}

/** Takes the lock on `dataDir`; resolves with its release. Throws DataDirInUseError if a live bot holds it. */
export async function lockDataDir(dataDir: string, shownAs = dataDir): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'tracbot.pid');
  const ours = () => readFileSync(file, 'utf8').trim() === String(process.pid);
  // A crash or process.exit() skips the orderly release; the exit event still runs.
  const onExit = () => {
    try {
      if (ours()) rmSync(file);
    } catch {
      // already gone
    }
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      process.once('exit', onExit);
      return async () => {
        process.removeListener('exit', onExit);
        onExit();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (holder > 0 && holder !== process.pid && (await isBotAlive(holder)))
      throw new DataDirInUseError(shownAs, holder);
    await rm(file, { force: true });
  }
  throw new Error(`could not lock ${shownAs}: ${file} keeps coming back`);
}

/**
 * Whether `pid` is a running process that could be a bot. After a reboot the pid may belong to
 * something else: on Linux, a process that is not Node is not ours.
 */
async function isBotAlive(pid: number): Promise<boolean> {
  if (!isRunning(pid)) return false;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  return cmdline === null || /node|tsx/.test(cmdline);
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
