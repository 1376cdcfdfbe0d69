// The words of free questions, per language (locales/<lng>/understand.json, `words`): each key is
// a notion ("answered", "negation", "chart"…) and its phrases, separated by |. Every language's
// words are understood whatever the user's language, since people mix them ("participation
// attendance hier"); `{n}` stands for a number, `=2` gives a phrase's number ("in two hours=2").
import ar from '../../locales/ar/understand.json' with { type: 'json' };
import en from '../../locales/en/understand.json' with { type: 'json' };
import es from '../../locales/es/understand.json' with { type: 'json' };
import fr from '../../locales/fr/understand.json' with { type: 'json' };
import pt from '../../locales/pt/understand.json' with { type: 'json' };
import { isSameWord, toWords, type Word } from './words.ts';

export type Notion = keyof typeof en.words;

export interface Phrase {
  notion: Notion;
  /** Folded words; null is a number. */
  words: (string | null)[];
  /** The number a phrase stands for ("two hours" = 2). */
  fixed?: number;
}

/** Every phrase of every language, longest first (the longest reading of a line wins). */
const phrases: readonly Phrase[] = [en, fr, es, pt, ar]
  .flatMap((catalogue) =>
    Object.entries(catalogue.words).flatMap(([notion, text]) =>
      text
        .split('|')
        .filter((phrase) => phrase.trim() !== '')
        .map((phrase): Phrase => {
          const [body = '', fixed] = phrase.split('=');
          return {
            notion: notion as Notion,
            words: toWords(body.replaceAll('{n}', '#')).map((w) => (w.folded === '#' ? null : w.folded)),
            ...(fixed ? { fixed: Number(fixed) } : {}),
          };
        }),
    ),
  )
  .sort((a, b) => b.words.length - a.words.length);

const byFirst = new Map<string | null, Phrase[]>();
for (const phrase of phrases) {
  const first = phrase.words[0] === '#h' ? null : (phrase.words[0] ?? null);
  byFirst.set(first, [...(byFirst.get(first) ?? []), phrase]);
}
/** First words long enough to be matched with a slip (see isSameWord). */
const longFirstWords = [...byFirst.keys()].filter((w): w is string => w !== null && w.length >= 6);

/** The phrases that may begin at this word: by its own spellings, numbers, and near misses. */
export function phrasesFrom(word: Word, typos: boolean): Phrase[] {
  const found = [...(byFirst.get(null) ?? []), ...word.variants.flatMap((v) => byFirst.get(v) ?? [])];
  if (typos && word.folded.length >= 5)
    for (const first of longFirstWords)
      if (
        first[0] === word.folded[0] &&
        Math.abs(first.length - word.folded.length) <= 1 &&
        isSameWord(word, first, true)
      )
        found.push(...byFirst.get(first)!);
  return found;
}

const wordsOf = (notion: Notion) => new Set(phrases.filter((p) => p.notion === notion).flatMap((p) => p.words));
/** Words of the grammar that are no filler: a name must be typed exactly to be read in their place. */
export const grammarWords = new Set(phrases.flatMap((p) => (p.notion === 'filler' ? [] : p.words)));
export const nowWords = wordsOf('now');
/** "at", "à", "a las", "الساعة": a number after one is an hour. */
export const timeMarkers = new Set(phrases.filter((p) => p.notion === 'timeMarker').map((p) => p.words.at(-1)));

const everyWord = new Set(phrases.flatMap((p) => p.words));
/** Whether a word belongs to the questions' grammar ("for", "me", "those", "results"), not to a name. */
export const isGrammarWord = (word: string) => toWords(word).some((w) => everyWord.has(w.folded));
