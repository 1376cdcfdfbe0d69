import { parseArgsStringToArgv } from 'string-argv';

/** Longest command line we read; longer input is refused with a message, never truncated. */
export const MAX_COMMAND_LENGTH = 4000;

/**
 * Splits a command line into words, honouring "double" and 'single' quotes. Control characters
 * are turned into spaces first, so pasted text from any client tokenizes the same way.
 */
export function tokenize(line: string): string[] {
  // Typographic double quotes from phones count as plain ones; typographic single quotes stay
  // text, since they are far more often apostrophes than quotes.
  const cleaned = line.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/[\u201c\u201d\u00ab\u00bb]/g, '"');
  return parseArgsStringToArgv(cleaned).filter((word) => word !== '');
}

/**
 * The raw text after the first stand-alone occurrence of one of `words` (for free text such as
 * a message, which must keep its apostrophes and spacing exactly as typed).
 */
export function textAfter(line: string, words: readonly string[]): string | null {
  const match = new RegExp(`\\s(${words.join('|')})(?:\\s+([\\s\\S]*))?$`, 'i').exec(line);
  return match ? (match[2] ?? '').trim() : null;
}
