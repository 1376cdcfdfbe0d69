// Words of a free question, compared as the bot compares names (src/domain/match-name.ts): no
// case, accents or Arabic letter forms, a little room for typos, and Arabic's attached words
// ("و", "ب", "ل", "ال"…) taken off before comparing.
import { distance } from 'fastest-levenshtein';
import { fold } from '../domain/match-name.ts';

export interface Word {
  /** As typed (names and message texts are given back as the user wrote them). */
  raw: string;
  folded: string;
  /** Arabic words: the word without its attached prefixes, each way they can be read. */
  variants: readonly string[];
}

const EDGES = /^[?!.,;:¿¡؟،؛"“”«»()[\]{}*_…]+|[?!.,;:¿¡؟،؛"“”«»()[\]{}*_…]+$/gu;
const ARABIC = /\p{Script=Arabic}/u;

/** A line split into words: apostrophes split elisions ("n'a" → "n", "a"), hyphens stay. */
export function toWords(text: string): Word[] {
  return text
    .split(/[\s'’`´]+/u)
    .map((part) => part.replace(EDGES, ''))
    .filter((part) => part !== '')
    .map((raw) => {
      const folded = fold(raw);
      return { raw, folded, variants: ARABIC.test(folded) ? arabicVariants(folded) : [folded] };
    });
}

/** والحضور → الحضور, حضور; لغولو → غولو; بالنتائج → النتائج, نتائج. */
function arabicVariants(word: string): string[] {
  const found = new Set([word]);
  const strip = (w: string, depth: number) => {
    for (const prefix of ['وال', 'بال', 'فال', 'كال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل', 'ك']) {
      if (w.startsWith(prefix) && w.length - prefix.length >= 2) {
        const rest = prefix === 'لل' ? `ال${w.slice(2)}` : w.slice(prefix.length);
        if (!found.has(rest)) {
          found.add(rest);
          if (depth < 2) strip(rest, depth + 1);
        }
      }
    }
  };
  strip(word, 0);
  return [...found];
}

export const isArabic = (word: Word) => ARABIC.test(word.folded);

/** Whether a typed word is a grammar word: the same, or (with `typos`) one slip away in a long word. */
export function isSameWord(typed: Word, wanted: string, typos: boolean): boolean {
  if (typed.variants.includes(wanted)) return true;
  if (!typos || wanted.length < 6 || ARABIC.test(wanted)) return false;
  return distance(typed.folded, wanted) <= 1;
}

/** Whether a typed word names a word of a name: exact, a beginning, or a near miss. */
export function isNameWord(typed: Word, wanted: string, last: boolean): boolean {
  if (typed.variants.includes(wanted)) return true;
  const word = typed.folded;
  if (last && word.length >= 4 && wanted.startsWith(word)) return true;
  if (word.length < 5 || ARABIC.test(word) !== ARABIC.test(wanted)) return false;
  // As match-name.ts suggests: at most a third of a word differs, one letter in a short one.
  return distance(word, wanted) <= Math.max(1, Math.floor(wanted.length / 4));
}

/**
 * A Latin name written in Arabic letters ("غولو" for Gulu, "كمبالا" for Kampala): both reduced to
 * their consonants, the way each script spells them (no p in Arabic, vowels and w/y dropped).
 */
export function isSpelledInArabic(typed: Word, name: string): boolean {
  if (!ARABIC.test(typed.folded) || ARABIC.test(name)) return false;
  const latin = latinConsonants(name);
  if (latin.length < 2) return false;
  return typed.variants.some((variant) => arabicConsonants(variant) === latin);
}

const arabicLetters: Record<string, string> = {
  ب: 'b',
  ت: 't',
  ث: 't',
  ج: 'g',
  ح: '',
  خ: 'k',
  د: 'd',
  ذ: 'd',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 's',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  غ: 'g',
  ف: 'f',
  ق: 'k',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: '',
  پ: 'b',
  ڤ: 'f',
  گ: 'g',
};

function arabicConsonants(word: string): string {
  return collapse([...word].map((letter) => arabicLetters[letter] ?? '').join(''));
}

const latinCache = new Map<string, string>();

function latinConsonants(name: string): string {
  let cached = latinCache.get(name);
  if (cached === undefined) {
    cached = toLatinConsonants(name);
    // Names come and go with the workspace: the cache is bounded.
    if (latinCache.size > 10_000) latinCache.clear();
    latinCache.set(name, cached);
  }
  return cached;
}

function toLatinConsonants(name: string): string {
  const word = fold(name)
    .replace(/[^a-z]/g, '')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/(ph)/g, 'f')
    .replace(/(sh|ch)/g, 's')
    .replace(/(kh|ck|c|q)/g, 'k')
    .replace(/(gh|j)/g, 'g')
    .replace(/x/g, 'ks')
    .replace(/p/g, 'b')
    .replace(/v/g, 'f')
    .replace(/[aeiouwyh]/g, '');
  return collapse(word);
}

const collapse = (text: string) => text.replace(/(.)\1+/g, '$1');
