// A wall-clock time in a timezone → the instant it names ("08:00 in Kampala" is 05:00 UTC), by
// luxon, which knows each zone's offsets and daylight-saving changes: a time the clocks skip
// (02:30 as they go forward) is the moment after the gap, and a time they show twice (as they go
// back) its first occurrence.
import { DateTime } from 'luxon';

export function fromLocalTime(day: string, hour: number, minute: number, timezone: string): Date {
  return DateTime.fromISO(day, { zone: timezone }).set({ hour, minute }).toJSDate();
}

/** `hh:mm` today in the timezone, or tomorrow when that time has passed. */
export function nextLocalTime(now: Date, hour: number, minute: number, timezone: string): Date {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const at = (day: DateTime) => day.set({ hour, minute, second: 0, millisecond: 0 });
  const today = at(local);
  return (today.toMillis() > now.getTime() ? today : at(local.plus({ days: 1 }))).toJSDate();
}
