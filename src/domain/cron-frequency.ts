// How often a cron line fires: the shortest gap between two of its times over a week, and how
// many times it fires in the 24 hours after its first time (what a person can picture).
import { CronExpressionParser } from 'cron-parser';

const WEEK_MS = 7 * 86_400_000;
const DAY_MS = 86_400_000;

export function cronFrequency(cron: string, timezone: string, from: Date): { minGapMs: number; perDay: number } {
  const times = CronExpressionParser.parse(cron, { tz: timezone, currentDate: from });
  let first: number | null = null;
  let last: number | null = null;
  let minGapMs = Number.POSITIVE_INFINITY;
  let perDay = 0;
  // At most one a minute: a week has 10,080 of them.
  for (let i = 0; i <= 10_080 && times.hasNext(); i++) {
    const at = times.next().getTime();
    if (at - from.getTime() > WEEK_MS) break;
    first ??= at;
    if (at - first < DAY_MS) perDay++;
    if (last !== null) minGapMs = Math.min(minGapMs, at - last);
    last = at;
  }
  return { minGapMs, perDay };
}
