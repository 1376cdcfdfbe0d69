// Dates as users type them: `latest`, `today`, `yesterday`, an ISO day (2026-11-21) or a day
// first, as written where TracPro is used (21/11/2026, 21.11.2026, 21-11-2026).
import { localDay } from './local-day.ts';

export type DayQuery = { kind: 'latest' } | { kind: 'day'; day: string } | { kind: 'invalid' };

/**
 * Null when the text is not a date (the caller then treats it as something else, e.g. a region);
 * `invalid` when it is written like a date but is none (2026-02-30, 31/13/2026), so the caller
 * can call it a date error instead of looking for a region by that name.
 */
export function parseDay(text: string, now: Date, timezone: string): DayQuery | null {
  const word = text.trim().toLowerCase();
  if (word === 'latest' || word === 'last') return { kind: 'latest' };
  if (word === 'today') return { kind: 'day', day: localDay(now, timezone) };
  if (word === 'yesterday') return { kind: 'day', day: localDay(new Date(now.getTime() - 86_400_000), timezone) };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(word);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(word);
  if (iso) return checked(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (dayFirst) return checked(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return null;
}

/** The day, if it exists: 2026-02-30 does not survive a round trip through Date. */
function checked(year: number, month: number, day: number): DayQuery {
  const date = new Date(Date.UTC(year, month - 1, day));
  const ok = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return ok ? { kind: 'day', day: date.toISOString().slice(0, 10) } : { kind: 'invalid' };
}
