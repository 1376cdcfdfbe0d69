// Where a time axis starts and ends, and which dates it names. Chart.js skips crowded labels by
// assuming ticks are evenly spaced, which dates of poll runs are not (two runs a day apart wrote
// their labels over each other), so the labelled dates are chosen here, as plain data that the
// local renderer and QuickChart both read.

const DAY = 86_400_000;
/** Labels closer than this share of the axis would overlap (a date label is ~90px of ~700). */
const LABEL_GAP = 0.14;
/** Room at each end, as a share of the span: the end labels fit inside the picture. */
const MARGIN = 0.06;

export interface TimeRange {
  /** First and last day shown, `YYYY-MM-DD`, a little beyond the data. */
  min: string;
  max: string;
  /** The dates that get a label: the newest always, then older ones where there is room. */
  labelled: string[];
}

export function toTimeRange(days: readonly string[]): TimeRange {
  const sorted = [...new Set(days)].sort();
  if (sorted.length === 0) return { min: '', max: '', labelled: [] };
  const times = sorted.map((day) => Date.parse(`${day}T00:00:00Z`));
  const span = Math.max(DAY, times.at(-1)! - times[0]!);
  const margin = Math.max(DAY, Math.round((span * MARGIN) / DAY) * DAY);
  const labelled: string[] = [];
  let last = Infinity;
  for (let i = sorted.length - 1; i >= 0; i--) {
    if (last - times[i]! < span * LABEL_GAP) continue;
    labelled.unshift(sorted[i]!);
    last = times[i]!;
  }
  return { min: toDay(times[0]! - margin), max: toDay(times.at(-1)! + margin), labelled };
}

function toDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
