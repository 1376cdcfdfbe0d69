// A text for contacts as RapidPro and people see it. RapidPro limits a broadcast's text with a
// Django REST framework CharField (temba/api/v2/fields.py, TranslatedTextField; max_length
// Msg.MAX_TEXT_LEN in temba/msgs/models.py), which counts Python characters: code points, so an
// emoji is one character where JavaScript's length says two.

/** The length RapidPro counts: code points. */
export function countCharacters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** At most `max` characters as people see them (a family emoji is one), with … when cut. */
export function previewText(text: string, max: number): string {
  const kept: string[] = [];
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length === max) return `${kept.join('').trimEnd()}…`;
    kept.push(segment);
  }
  return kept.join('');
}

/**
 * Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) make a phone show the text
 * that follows in another order than it was typed ("right-to-left override" spoofing). Marks
 * (U+200E, U+200F, U+061C) only nudge neutral characters, as Arabic typing does, and stay.
 */
export function hasDirectionControls(text: string): boolean {
  return /[\u202a-\u202e\u2066-\u2069]/u.test(text);
}
