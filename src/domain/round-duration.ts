// Waits and delays as people say them: "45 seconds", "58 minutes", "in 3 hours", never "3,473 seconds".

export type DurationUnit = 'second' | 'minute' | 'hour' | 'day';

/** The unit and rounded amount a number of seconds is best said in (at least 1 of it). */
export function roundDuration(seconds: number): { value: number; unit: DurationUnit } {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 90) return { value: s, unit: 'second' };
  if (s < 90 * 60) return { value: Math.round(s / 60), unit: 'minute' };
  if (s < 36 * 3600) return { value: Math.round(s / 3600), unit: 'hour' };
  return { value: Math.round(s / 86_400), unit: 'day' };
}

/** "in 5 minutes", "dans 2 heures", "خلال ساعتين": a delay in the user's language, through Intl. */
export function describeDelay(ms: number, lng: string): string {
  const { value, unit } = roundDelay(ms);
  return new Intl.RelativeTimeFormat(lng, { numeric: 'always' }).format(value, unit);
}

/** A delay to set something for: whole minutes up to two hours, whole hours up to two days. */
function roundDelay(ms: number): { value: number; unit: DurationUnit } {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 120) return { value: minutes, unit: 'minute' };
  const hours = Math.round(minutes / 60);
  return hours < 48 ? { value: hours, unit: 'hour' } : { value: Math.round(hours / 24), unit: 'day' };
}
