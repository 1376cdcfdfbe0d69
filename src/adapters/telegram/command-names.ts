// Command names as Telegram shows them. Telegram allows only [a-z0-9_] in a menu entry, so
// `fetch-runs` is shown as `fetch_runs`; a command whose name Telegram keeps for itself declares
// another (`platformNames.telegram`: `start` is `/startpoll` there). Typed lines are read back
// with the same names.
import type { Command } from '../../core/command.ts';

/** The menu entry of a registry command. */
export function toMenuName(command: Pick<Command, 'name' | 'platformNames'>): string {
  return (command.platformNames?.telegram ?? command.name).replace(/-/g, '_');
}

/** The registry name of a word typed after `/` (`fetch_runs` → `fetch-runs`, `startpoll` → `start`). */
export function fromMenuName(word: string, commands: readonly Command[]): string {
  const lower = word.toLowerCase();
  return commands.find((c) => c.platformNames?.telegram === lower)?.name ?? lower.replace(/_/g, '-');
}
