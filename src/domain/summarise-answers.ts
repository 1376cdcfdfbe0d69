// Results of one question in a poll run, as TracPro shows them: categories in the flow's order
// with "Other" last (and categories no longer in the flow still shown), numeric summaries whose
// average is categorised by the same rules, and the most frequent words of open answers.
import { ara, eng, fra, por, spa } from 'stopword';
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

/**
 * Words too common to say anything, in the languages the bot speaks: the lists of the stopword
 * package (maintained, and shipped with it). Lists of several languages at once, since a
 * workspace's answers come in any of them.
 */
const stopWords = new Set([eng, fra, spa, por, ara].flat());

/** Apostrophes as typed: the typewriter one and the typographic one. */
const APOSTROPHE = /['’]/;

/**
 * The words of a text as its language splits them: Intl.Segmenter's words (Unicode's word
 * boundaries, with dictionaries for scripts written without spaces), then elided articles and
 * pronouns taken off ("d'enseignants" → "enseignants", "l’eau" → "eau"): Unicode keeps an
 * apostrophe inside a word, and a part before it that is a stop word is an elision. What
 * remains of a word is kept whole ("aujourd'hui").
 */
export function splitWords(text: string, locale: string): string[] {
  const words: string[] = [];
  for (const { segment, isWordLike } of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) {
    if (!isWordLike) continue;
    const parts = segment.toLocaleLowerCase(locale).split(APOSTROPHE);
    while (parts.length > 1 && stopWords.has(parts[0]!)) parts.shift();
    words.push(parts.join("'"));
  }
  return words;
}

/** Words worth showing: not a stop word, not a number, longer than a letter. */
function isTellingWord(word: string): boolean {
  return [...word].length > 1 && !stopWords.has(word) && !/^[\p{N}.,]+$/u.test(word);
}

/**
 * The most frequent telling words, from words counted by the database (split there at spaces and
 * punctuation): each is split again as the language splits it, and counts of the same word meet.
 */
export function topWords(
  counted: readonly { word: string; count: number }[],
  limit: number,
  locale: string,
): { word: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { word, count } of counted) {
    for (const part of splitWords(word, locale)) {
      if (isTellingWord(part)) counts.set(part, (counts.get(part) ?? 0) + count);
    }
  }
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
    .slice(0, limit);
}
