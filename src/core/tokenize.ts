import { parseArgsStringToArgv } from 'string-argv';

/** Longest command line we read; longer input is refused with a message, never truncated. */
export const MAX_COMMAND_LENGTH = 4000;

/**
 * Invisible marks that order right-to-left text (isolates, embeddings, RLM/LRM/ALM). Replies in
 * Arabic wrap every name in them, so a name copied out of a reply and pasted back carries them.
 */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this finds.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/**
 * Splits a command line into words, honouring "double" and 'single' quotes. Bidi marks are
 * dropped and control characters turned into spaces first, so pasted text from any client
 * tokenizes the same way.
 */
export function tokenize(line: string): string[] {
  // Typographic double quotes from phones count as plain ones; typographic single quotes stay
  // text, since they are far more often apostrophes than quotes.
  const cleaned = line
    .replace(BIDI_CONTROLS, '')
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, '"');
  return parseArgsStringToArgv(cleaned).filter((word) => word !== '');
}

/**
 * The raw text after the first stand-alone occurrence of one of `words` (for free text such as
 * a message, which must keep its apostrophes and spacing exactly as typed).
 */
export function textAfter(line: string, words: readonly string[]): string | null {
  const match = new RegExp(`\\s(${words.join('|')})(?:\\s+([\\s\\S]*))?$`, 'i').exec(line);
  return match ? unquote((match[2] ?? '').trim()) : null;
}

/** Quotes that open and close a text, as people type them on keyboards and phones. */
const QUOTE_PAIRS: Record<string, string> = { '"': '"', '“': '”', '«': '»', '„': '“', "'": "'", '‘': '’' };

/**
 * A free text typed in quotes (`message … "Hello"`, as names are typed) without them: the quotes
 * say where the text is, they are not part of it. Quotes inside the text stay.
 */
export function unquote(text: string): string {
  const close = QUOTE_PAIRS[text[0] ?? ''];
  if (!close || text.length < 2 || !text.endsWith(close)) return text;
  const inner = text.slice(1, -1);
  // `"Hello" and "bye"` is two quoted parts, not one quoted text.
  return inner.includes(text[0]!) || inner.includes(close) ? text : inner.trim();
}
