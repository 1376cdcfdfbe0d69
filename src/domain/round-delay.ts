// A delay as people say it: "in 5 minutes", "in 2 hours", "in 3 days", never "in 7,260 seconds".

type DelayUnit = 'minute' | 'hour' | 'day';

/** The delay in its largest sensible unit, rounded (at least one minute). */
function roundDelay(ms: number): { value: number; unit: DelayUnit } {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 120) return { value: minutes, unit: 'minute' };
  const hours = Math.round(minutes / 60);
  if (hours < 48) return { value: hours, unit: 'hour' };
  return { value: Math.round(hours / 24), unit: 'day' };
}

/** "in 5 minutes", "dans 2 heures", "خلال ساعتين": the user's language, through Intl. */
export function describeDelay(ms: number, lng: string): string {
  const { value, unit } = roundDelay(ms);
  return new Intl.RelativeTimeFormat(lng, { numeric: 'always' }).format(value, unit);
}
