// A wait as people say it: "45 seconds", "about 58 minutes", "3 hours", never "3,473 seconds".

export type DurationUnit = 'second' | 'minute' | 'hour' | 'day';

/** The unit and rounded amount a number of seconds is best said in (at least 1 of it). */
export function roundDuration(seconds: number): { value: number; unit: DurationUnit } {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 90) return { value: s, unit: 'second' };
  if (s < 90 * 60) return { value: Math.round(s / 60), unit: 'minute' };
  if (s < 36 * 3600) return { value: Math.round(s / 3600), unit: 'hour' };
  return { value: Math.round(s / 86_400), unit: 'day' };
}
