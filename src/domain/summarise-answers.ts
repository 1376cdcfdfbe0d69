// Results of one question in a poll run, as TracPro shows them: categories in the flow's order
// with "Other" last (and categories no longer in the flow still shown), numeric summaries whose
// average is categorised by the same rules, and the most frequent words of open answers.
import { OTHER } from './categorise-number.ts';

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

/** Words worth showing: not a stop word, not a bare number. */
function isTellingWord(word: string): boolean {
  return word.length > 1 && !stopWords.has(word) && !/^\d+$/.test(word);
}

/** The most frequent telling words of counted words (counts come from the database). */
export function topWords(
  counted: readonly { word: string; count: number }[],
  limit: number,
): { word: string; count: number }[] {
  return counted.filter((w) => isTellingWord(w.word)).slice(0, limit);
}
