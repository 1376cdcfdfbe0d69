// Quiet hours: a span of the local day (possibly across midnight) when alerts wait.
import { DateTime } from 'luxon';

export interface QuietHours {
  /** Minutes after local midnight; equal start and end mean no quiet hours. */
  startsAt: number;
  endsAt: number;
}

/** Minutes after midnight of an instant in a timezone. */
function localMinutes(instant: Date, timezone: string): number {
  const local = DateTime.fromJSDate(instant, { zone: timezone });
  return local.hour * 60 + local.minute;
}

export function isQuiet(instant: Date, timezone: string, quiet: QuietHours): boolean {
  const { startsAt, endsAt } = quiet;
  if (startsAt === endsAt) return false;
  const now = localMinutes(instant, timezone);
  return startsAt < endsAt ? now >= startsAt && now < endsAt : now >= startsAt || now < endsAt;
}

/** `20:00-07:00` (or with an en dash) → quiet hours; null when it is not two times. */
export function parseQuietHours(text: string): QuietHours | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return null;
  const [, h1, m1, h2, m2] = match.map(Number) as number[];
  return { startsAt: h1! * 60 + m1!, endsAt: h2! * 60 + m2! };
}

/** `20:00–07:00`, as people write a span of hours. */
export function formatQuietHours({ startsAt, endsAt }: QuietHours): string {
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${hhmm(startsAt)}–${hhmm(endsAt)}`;
}
