// TracPro's rules for putting a number in a category. The same rules categorise answers and
// computed values (an average of 4.5 must land in the category whose rules cover it).

export type NumericTest =
  | { type: 'number' }
  | { type: 'eq'; value: number }
  | { type: 'lt'; value: number }
  | { type: 'lte'; value: number }
  | { type: 'gt'; value: number }
  | { type: 'gte'; value: number }
  | { type: 'between'; min: number; max: number };

/** A rule of a flow's router: numeric tests are kept for categorising, others for display. */
export type Rule = { category: string } & (NumericTest | { type: 'other'; test: string; arguments: string[] });

export const OTHER = 'Other';

/** Whether a value passes a numeric test. Between includes both ends; lt/gt exclude the bound. */
function passesTest(value: number, test: NumericTest): boolean {
  switch (test.type) {
    case 'number':
      return true;
    case 'eq':
      return value === test.value;
    case 'lt':
      return value < test.value;
    case 'lte':
      return value <= test.value;
    case 'gt':
      return value > test.value;
    case 'gte':
      return value >= test.value;
    case 'between':
      return value >= test.min && value <= test.max;
  }
}

/** The category of the first rule that matches, or "Other" when none does. */
export function categoriseNumber(value: number, rules: readonly Rule[]): string {
  if (!Number.isFinite(value)) return OTHER;
  for (const rule of rules) {
    if (rule.type !== 'other' && passesTest(value, rule)) return rule.category;
  }
  return OTHER;
}

/** Parses a RapidPro answer as a decimal ("4,5" and " 12 " included); null when not a number. */
export function parseDecimal(raw: string | null | undefined): number | null {
  if (raw == null) return null;
  const text = raw.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}
