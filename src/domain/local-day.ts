// Runs started outside the bot land in the universal poll run of their day, in the org's
// timezone: a run at 23:30 UTC in Kampala (UTC+3) belongs to the next day.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant in a timezone. */
export function localDay(instant: Date, timezone: string): string {
  let format = formatters.get(timezone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timezone, format);
  }
  return format.format(instant);
}
