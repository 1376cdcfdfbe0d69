// Telegram lays out each line (paragraph) of a message by its first strong character, as the
// Unicode bidi algorithm does (rules P2–P3), skipping what sits inside isolates. A right-to-left
// line that begins with an isolated value (a poll's Latin name, a date), a bullet or a figure has
// no strong character of its own outside the isolates and would be laid out left to right; a
// right-to-left mark in front of it makes it start right to left.
import bidiJs from 'bidi-js';

// bidi-js is CommonJS: what Node hands over is the factory its typings call the default export.
const bidi = (bidiJs as unknown as typeof bidiJs.default)();
const RLM = '\u200f';

/** Whether the bidi algorithm lays this line out right to left on its own. */
function startsRightToLeft(line: string): boolean {
  return bidi.getEmbeddingLevels(line).paragraphs[0]?.level === 1;
}

/** The line, with a right-to-left mark in front when it would otherwise start left to right. */
export function toRightToLeft(line: string): string {
  return line === '' || startsRightToLeft(line) ? line : `${RLM}${line}`;
}
