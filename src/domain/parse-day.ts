// Dates as users type them: `latest`, `today`, `yesterday` or an ISO day (2026-11-21).
import { localDay } from './local-day.ts';

export type DayQuery = { kind: 'latest' } | { kind: 'day'; day: string };

/** Null when the text is not a date (the caller then treats it as something else, e.g. a region). */
export function parseDay(text: string, now: Date, timezone: string): DayQuery | null {
  const word = text.trim().toLowerCase();
  if (word === 'latest' || word === 'last') return { kind: 'latest' };
  if (word === 'today') return { kind: 'day', day: localDay(now, timezone) };
  if (word === 'yesterday') return { kind: 'day', day: localDay(new Date(now.getTime() - 86_400_000), timezone) };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(word);
  if (!iso) return null;
  const date = new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
  // Reject 2026-02-30 and friends: the date must survive a round trip.
  return date.toISOString().slice(0, 10) === word ? { kind: 'day', day: word } : null;
}
