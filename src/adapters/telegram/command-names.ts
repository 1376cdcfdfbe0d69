// Command names as Telegram shows them. Telegram allows only [a-z0-9_] in a menu entry, so
// `fetch-runs` is shown as `fetch_runs`; and Telegram keeps `/start` for itself (the Start button
// and t.me/<bot>?start=<code> links send it), so the start-a-poll command is `/startpoll` there.
// Typed lines are read back with the same table.
const renamed: Record<string, string> = { start: 'startpoll' };
const byTelegramName = new Map(Object.entries(renamed).map(([name, telegram]) => [telegram, name]));

/** The menu entry of a registry command. */
export function toMenuName(name: string): string {
  return (renamed[name] ?? name).replace(/-/g, '_');
}

/** The registry name of a word typed after `/` (`fetch_runs` → `fetch-runs`, `startpoll` → `start`). */
export function fromMenuName(word: string): string {
  const lower = word.toLowerCase();
  return byTelegramName.get(lower) ?? lower.replace(/_/g, '-');
}
