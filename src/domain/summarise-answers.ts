// Results of one question in a poll run, as TracPro shows them: categories in the flow's order
// with "Other" last (and categories no longer in the flow still shown), numeric summaries whose
// average is categorised by the same rules, and the most frequent words of open answers.
import { OTHER, categoriseNumber, type Rule } from './categorise-number.ts';

export interface CategoryCount {
  category: string;
  count: number;
  share: number;
}

export function orderCategories(flowOrder: readonly string[], counts: ReadonlyMap<string, number>): CategoryCount[] {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const named = flowOrder.filter((c) => c !== OTHER);
  const extra = [...counts.keys()].filter((c) => c !== OTHER && !named.includes(c)).sort();
  const order = [...named, ...extra, ...(flowOrder.includes(OTHER) || counts.has(OTHER) ? [OTHER] : [])];
  return order.map((category) => {
    const count = counts.get(category) ?? 0;
    return { category, count, share: total === 0 ? 0 : count / total };
  });
}

export interface NumericSummary {
  count: number;
  average: number;
  min: number;
  max: number;
  sum: number;
  averageCategory: string;
}

export function summariseNumbers(values: readonly number[], rules: readonly Rule[]): NumericSummary | null {
  if (values.length === 0) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  const average = sum / values.length;
  return { count: values.length, average, min: Math.min(...values), max: Math.max(...values), sum, averageCategory: categoriseNumber(average, rules) };
}

/** Words too common to say anything, in the languages the bot speaks. */
const stopWords = new Set(
  (
    'the a an and or of to in for on with is are was be it this that my our we i you they more some no yes ' +
    'le la les un une des et ou de du en pour sur avec est sont plus ' +
    'el la los las un una y o de del en para con es son más ' +
    'o a os as um uma e ou de do da em para com é são mais ' +
    'في من على إلى و أو عن مع هذا هذه'
  ).split(' '),
);

/** The most frequent words of free-text answers, lower-cased, stop words left out. */
export function topWords(texts: readonly string[], limit: number): { word: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of text.toLocaleLowerCase().split(/[^\p{L}\p{N}'’-]+/u)) {
      if (word.length < 2 || stopWords.has(word) || /^\d+$/.test(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
    .slice(0, limit);
}
