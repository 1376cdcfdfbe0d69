// A categorical question's answers over time: the share of each category per date, categories in
// the flow's order with "Other" last, as the pie of one date shows them.
import { orderCategories } from './summarise-answers.ts';

export interface CategoryShareLine {
  category: string;
  /** Its place among all the question's categories (those nobody chose included): its colour. */
  index: number;
  /** Share of the date's answers, 0..1, for each date with answers. */
  points: { day: string; share: number }[];
}

export function toCategoryShares(
  counts: readonly { day: string; category: string | null; n: number }[],
  flowOrder: readonly string[],
): CategoryShareLine[] {
  const byDay = new Map<string, Map<string, number>>();
  for (const { day, category, n } of counts) {
    const days = byDay.get(day) ?? new Map<string, number>();
    // As the pie of one date names an answer without a category.
    const name = category ?? '—';
    days.set(name, (days.get(name) ?? 0) + n);
    byDay.set(day, days);
  }
  const all = new Map<string, number>();
  for (const days of byDay.values()) for (const [category, n] of days) all.set(category, (all.get(category) ?? 0) + n);
  // Categories nobody chose on any date are left out: a flat line at zero says nothing.
  const order = orderCategories(flowOrder, all)
    .map((c, index) => ({ ...c, index }))
    .filter((c) => c.count > 0);
  const days = [...byDay.keys()].sort();
  return order.map(({ category, index }) => ({
    category,
    index,
    points: days.map((day) => {
      const counted = byDay.get(day)!;
      const total = [...counted.values()].reduce((a, b) => a + b, 0);
      return { day, share: total === 0 ? 0 : (counted.get(category) ?? 0) / total };
    }),
  }));
}
