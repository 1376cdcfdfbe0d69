// A cron line in words, in the reader's language, with when it next runs: "at 09:00, only on
// Monday (next: Mon 7 Dec, 09:00)" instead of "0 9 * * MON".
import { CronExpressionParser } from 'cron-parser';
import cronstrueI18n from 'cronstrue/i18n.js';
import type { toString as cronToWords } from 'cronstrue';

// The package's i18n entry is CommonJS whose declaration file names no default export.
const cronstrue = cronstrueI18n as unknown as { toString: typeof cronToWords };

/** cronstrue's names for the bot's languages (its Portuguese comes as pt_PT and pt_BR). */
const cronLocales: Record<string, string> = { pt: 'pt_PT' };

export function describeCron(cron: string, lng: string): string {
  const words = cronstrue.toString(cron, {
    locale: cronLocales[lng] ?? lng,
    use24HourTimeFormat: true,
    throwExceptionOnParseError: false,
  });
  // It reads as a sentence of its own; here it continues one.
  return (words.trim()[0]?.toLocaleLowerCase(lng) ?? '') + words.trim().slice(1);
}

/** When the cron line next fires after `now`, in the schedule's time zone, as the reader writes dates. */
export function describeNextRun(cron: string, timezone: string, now: Date, lng: string): string {
  const next = CronExpressionParser.parse(cron, { tz: timezone, currentDate: now }).next().toDate();
  return next.toLocaleString(lng, {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: next.getUTCFullYear() === now.getUTCFullYear() ? undefined : 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}
