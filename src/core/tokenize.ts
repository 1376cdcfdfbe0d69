import { parseArgsStringToArgv } from 'string-argv';

/** Longest command line we read; longer input is refused with a message, never truncated. */
export const MAX_COMMAND_LENGTH = 4000;

/**
 * Splits a command line into words, honouring "double" and 'single' quotes. Control characters
 * are turned into spaces first, so pasted text from any client tokenizes the same way.
 */
export function tokenize(line: string): string[] {
  // Typographic quotes from phones and word processors count as plain quotes.
  const cleaned = line
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, '"')
    .replace(/[\u2018\u2019]/g, "'");
  return parseArgsStringToArgv(cleaned).filter((word) => word !== '');
}
