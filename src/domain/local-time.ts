// A wall-clock time in a timezone → the instant it names ("08:00 in Kampala" is 05:00 UTC).
import { localDay } from './local-day.ts';

/** The timezone's offset from UTC at an instant, in milliseconds (Kampala: +3 h). */
function offsetAt(instant: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return (
    Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) -
    Math.floor(instant / 1000) * 1000
  );
}

export function fromLocalTime(day: string, hour: number, minute: number, timezone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // Twice, so a time just after a daylight-saving change lands on the right side of it.
  const first = wall - offsetAt(wall, timezone);
  return new Date(wall - offsetAt(first, timezone));
}

/** `hh:mm` today in the timezone, or tomorrow when that time has passed. */
export function nextLocalTime(now: Date, hour: number, minute: number, timezone: string): Date {
  const today = fromLocalTime(localDay(now, timezone), hour, minute, timezone);
  return today > now
    ? today
    : fromLocalTime(localDay(new Date(now.getTime() + 86_400_000), timezone), hour, minute, timezone);
}
