// The words of free questions, per language (locales/<lng>/understand.json, `words`): each key is
// a notion ("answered", "negation", "chart"…) and its phrases, separated by |. Every language's
// words are understood whatever the user's language, since people mix them ("participation
// attendance hier"); `{n}` stands for a number, `=2` gives a phrase's number ("in two hours=2").
import ar from '../../locales/ar/understand.json' with { type: 'json' };
import en from '../../locales/en/understand.json' with { type: 'json' };
import es from '../../locales/es/understand.json' with { type: 'json' };
import fr from '../../locales/fr/understand.json' with { type: 'json' };
import pt from '../../locales/pt/understand.json' with { type: 'json' };
import { toWords } from './words.ts';

export type Notion = keyof typeof en.words;

export interface Phrase {
  notion: Notion;
  /** Folded words; null is a number. */
  words: (string | null)[];
  /** The number a phrase stands for ("two hours" = 2). */
  fixed?: number;
}

/** Every phrase of every language, longest first (the longest reading of a line wins). */
export const phrases: readonly Phrase[] = [en, fr, es, pt, ar]
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
