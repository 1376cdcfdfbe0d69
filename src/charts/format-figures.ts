// Numbers on charts are written in full, in the reader's digits and grouping (TracPro writes
// 1,000,000, never 1M), with shares as whole percentages.
export function formatCount(locale: string, value: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** A share (0..1) as a percentage with one decimal: precise enough to draw, short in a configuration. */
export function toPercent(share: number): number {
  return Math.round(share * 1000) / 10;
}

export function formatShare(locale: string, share: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
