// Open answers as a word cloud: the most frequent telling words (stop words already left out by
// topWords), sized by how often they were given. Words lie flat so every script reads naturally,
// and keep a margin in proportion to their size, so no two words ever read as one.
import type { ChartFrame, ChartSpec } from './chart-spec.ts';
import { frameFields, frameOptions, PHONE_WIDTH } from './frame-options.ts';
import { palette } from './palette.ts';
import { formatCount } from './format-figures.ts';

const WIDTH = PHONE_WIDTH;
const HEIGHT = 480;
/** Room taken by the title and caption, and the share of the rest the words may cover. */
const CHROME = 110;
const COVER = 0.4;
/** The margin kept around a word, as a share of its size. */
const MARGIN = 0.12;
const MIN_SIZE = 12;
/** The smallest size a word is drawn at: below it, letters blur on a phone. */
const READABLE_SIZE = 11;
const MAX_SIZE = 64;
/** Roughly how wide a letter is, as a share of the font size (for the area estimate). */
const LETTER_WIDTH = 0.6;
/** The most frequent words, in a chat that takes no pictures. */
const TEXT_WORDS = 20;

/** What a cloud without a word shows (the word-cloud plugin cannot draw none). */
const NO_WORDS = [{ word: '—', count: 1 }];

export function buildWordCloud(frame: ChartFrame, given: readonly { word: string; count: number }[]): ChartSpec {
  const candidates = given.length > 0 ? given : NO_WORDS;
  const sizes = fitSizes(candidates, WIDTH * (HEIGHT - CHROME) * COVER);
  // The least frequent words that would not fit at a readable size are left out.
  const words = candidates.slice(0, sizes.length);
  const text = given
    .slice(0, TEXT_WORDS)
    .map((w) => `${w.word} (${formatCount(frame.locale, w.count)})`)
    .join(' · ');
  return {
    width: WIDTH,
    height: HEIGHT,
    ...frameFields(frame),
    text: text ? [text] : [],
    config: {
      type: 'wordCloud',
      data: {
        labels: words.map((w) => w.word),
        datasets: [
          {
            data: sizes,
            color: words.map((_, i) => palette[i % 6]!),
            rotationSteps: 1,
            minRotation: 0,
            maxRotation: 0,
            padding: sizes.map((size) => Math.max(2, Math.round(size * MARGIN))),
            // Laid out at the sizes given, centred: the plugin's fit scales a layout after the
            // fact, margins with it, and shifts a small one off the picture.
            fit: false,
            weight: 'normal',
            // The same words always land in the same places.
            randomRotationSeed: 'tracbot',
          },
        ],
      },
      options: frameOptions(frame, 'none'),
    },
  };
}

/**
 * Font sizes by the square root of the count (so area follows frequency), then shrunk together
 * until the words' estimated area fits the budget: a layout with room to spare is found at the
 * first try, which keeps a 200-word cloud fast. No size floor: a floor would bring 200 near-equal
 * words to one small size that overflows the budget. Instead, while the smallest word would be
 * smaller than can be read, the least frequent words are left out (words come most frequent
 * first). Returns the sizes of the words kept, in order.
 */
export function fitSizes(words: readonly { word: string; count: number }[], budget: number): number[] {
  const most = Math.max(1, ...words.map((w) => w.count));
  // A long word is never wider than the picture.
  const natural = words.map((w) =>
    Math.min(
      MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt(w.count / most),
      (WIDTH * 0.9) / (LETTER_WIDTH * [...w.word].length),
    ),
  );
  let kept = words.length;
  for (;;) {
    const area = words
      .slice(0, kept)
      .reduce((sum, w, i) => sum + natural[i]! ** 2 * LETTER_WIDTH * [...w.word].length, 0);
    const shrink = area > budget ? Math.sqrt(budget / area) : 1;
    const sizes = natural.slice(0, kept).map((size) => Math.round(size * shrink * 10) / 10);
    if (kept <= 1 || Math.min(...sizes) >= READABLE_SIZE) return sizes;
    kept--;
  }
}
