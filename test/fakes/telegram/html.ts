// Telegram's `parse_mode: 'HTML'`, as the fake Bot API applies it: the markup becomes plain text
// plus entities (UTF-16 offsets, as in the Bot API), or the request fails with the same
// "can't parse entities: …" reasons Telegram gives (byte offsets into the UTF-8 markup).
//
// The grammar follows Telegram's parser: tag names are case-insensitive, attributes may be bare,
// quoted or unquoted name tokens, `</>` closes whatever is open, an empty entity is dropped, and
// the entities `&lt; &gt; &amp; &quot;` (the `;` is optional) plus numeric references are decoded.
// One rule is stricter than Telegram: Telegram keeps a lone `&` or an unknown `&name;` as text,
// this fake refuses it unless `strictAmpersand` is false, because it almost always means that
// user text reached the markup unescaped.

export interface Entity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
  user?: { id: number; is_bot: false; first_name: string };
}

export class EntityParseError extends Error {}

const TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
]);

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface Open {
  tag: string;
  attrs: Map<string, string>;
  start: number; // UTF-16 offset in the output
  at: number; // byte offset of '<' in the markup
}

const isSpace = (c: string | undefined) =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
const isNameChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9.-]/.test(c);

export function parseHtml(
  markup: string,
  options: { strictAmpersand?: boolean } = {},
): { text: string; entities: Entity[] } {
  const strict = options.strictAmpersand ?? true;
  const byteAt = (index: number) => Buffer.byteLength(markup.slice(0, index), 'utf8');
  const fail = (reason: string): never => {
    throw new EntityParseError(reason);
  };
  let out = '';
  const stack: Open[] = [];
  const entities: Entity[] = [];
  let i = 0;
  const n = markup.length;

  // Decodes a reference at markup[i] === '&'; returns the character and the index after it, or null.
  const reference = (from: number): { char: string; next: number } | null => {
    let j = from + 1;
    if (markup[j] === '#') {
      j++;
      const hex = markup[j] === 'x' || markup[j] === 'X';
      if (hex) j++;
      const digits = j;
      while (j < n && (hex ? /[0-9A-Fa-f]/ : /[0-9]/).test(markup[j]!)) j++;
      if (j === digits || j - from >= 10) return null;
      const code = parseInt(markup.slice(digits, j), hex ? 16 : 10);
      if (code === 0 || code >= 0x10ffff) return null;
      if (code >= 0xd800 && code <= 0xdfff) {
        fail(
          'Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units',
        );
      }
      if (markup[j] === ';') j++;
      return { char: String.fromCodePoint(code), next: j };
    }
    while (j < n && /[A-Za-z]/.test(markup[j]!)) j++;
    const char = NAMED[markup.slice(from + 1, j)];
    if (char === undefined) return null;
    if (markup[j] === ';') j++;
    return { char, next: j };
  };

  const ampersand = (from: number): { char: string; next: number } => {
    const decoded = reference(from);
    if (decoded) return decoded;
    if (strict) {
      fail(
        `Character "&" must be escaped as "&amp;" at byte offset ${byteAt(from)} (Telegram would keep it as text; this fake refuses it)`,
      );
    }
    return { char: '&', next: from + 1 };
  };

  while (i < n) {
    const c = markup[i]!;
    if (c === '&') {
      const { char, next } = ampersand(i);
      out += char;
      i = next;
      continue;
    }
    if (c !== '<') {
      out += c;
      i++;
      continue;
    }
    const begin = i;
    i++;
    if (markup[i] === '/') {
      if (stack.length === 0) fail(`Unexpected end tag at byte offset ${byteAt(begin)}`);
      i++;
      const nameStart = i;
      while (i < n && !isSpace(markup[i]) && markup[i] !== '>') i++;
      const name = markup.slice(nameStart, i).toLowerCase();
      while (i < n && isSpace(markup[i])) i++;
      if (markup[i] !== '>') fail(`Unclosed end tag at byte offset ${byteAt(begin)}`);
      i++;
      const open = stack.pop()!;
      if (name !== '' && name !== open.tag) {
        fail(`Unmatched end tag at byte offset ${byteAt(begin)}, expected "</${open.tag}>", found "</${name}>"`);
      }
      // <pre><code class="language-x">…</code></pre> is one pre entity that carries the language.
      const parent = stack[stack.length - 1];
      const language = open.tag === 'code' ? open.attrs.get('class')?.match(/^language-(.+)$/)?.[1] : undefined;
      if (language && parent?.tag === 'pre' && parent.start === open.start) {
        parent.attrs.set(' language', language); // a key no markup attribute can have
        continue;
      }
      const entity = toEntity(open, out);
      if (entity) entities.push(entity);
      continue;
    }
    const nameStart = i;
    while (i < n && !isSpace(markup[i]) && markup[i] !== '>') i++;
    if (i >= n) fail(`Unclosed start tag at byte offset ${byteAt(begin)}`);
    const tag = markup.slice(nameStart, i).toLowerCase();
    if (!TAGS.has(tag)) fail(`Unsupported start tag "${tag}" at byte offset ${byteAt(begin)}`);
    const attrs = new Map<string, string>();
    while (markup[i] !== '>') {
      while (i < n && isSpace(markup[i])) i++;
      if (i >= n) fail(`Unclosed start tag "${tag}" at byte offset ${byteAt(begin)}`);
      if (markup[i] === '>') break;
      const attrStart = i;
      while (i < n && !isSpace(markup[i]) && markup[i] !== '=' && markup[i] !== '>') i++;
      const attr = markup.slice(attrStart, i).toLowerCase();
      if (attr === '') fail(`Empty attribute name in the tag "${tag}" at byte offset ${byteAt(begin)}`);
      while (i < n && isSpace(markup[i])) i++;
      if (i >= n) fail(`Unclosed start tag "${tag}" at byte offset ${byteAt(begin)}`);
      if (markup[i] !== '=') {
        attrs.set(attr, '');
        continue;
      }
      i++;
      while (i < n && isSpace(markup[i])) i++;
      if (i >= n) fail(`Unclosed start tag "${tag}" at byte offset ${byteAt(begin)}`);
      let value = '';
      const quote = markup[i];
      if (quote === '"' || quote === "'") {
        i++;
        while (i < n && markup[i] !== quote) {
          if (markup[i] === '&') {
            const decoded = reference(i);
            if (decoded) {
              value += decoded.char;
              i = decoded.next;
              continue;
            }
          }
          value += markup[i];
          i++;
        }
        if (i >= n) fail(`Unclosed start tag at byte offset ${byteAt(begin)}`);
        i++;
      } else {
        const tokenStart = i;
        while (isNameChar(markup[i])) i++;
        value = markup.slice(tokenStart, i).toLowerCase();
        if (i < n && !isSpace(markup[i]) && markup[i] !== '>')
          fail(`Unexpected end of name token at byte offset ${byteAt(tokenStart)}`);
      }
      if (i >= n) fail(`Unclosed start tag at byte offset ${byteAt(begin)}`);
      attrs.set(attr, value);
    }
    i++;
    if (tag === 'span' && attrs.get('class') !== 'tg-spoiler') {
      fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteAt(begin)}`);
    }
    stack.push({ tag, attrs, start: out.length, at: begin });
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) fail(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return trimmed(out, entities);
}

function toEntity(open: Open, out: string): Entity | null {
  const offset = open.start;
  const length = out.length - offset;
  if (length === 0) return null;
  switch (open.tag) {
    case 'b':
    case 'strong':
      return { type: 'bold', offset, length };
    case 'i':
    case 'em':
      return { type: 'italic', offset, length };
    case 'u':
    case 'ins':
      return { type: 'underline', offset, length };
    case 's':
    case 'strike':
    case 'del':
      return { type: 'strikethrough', offset, length };
    case 'span':
    case 'tg-spoiler':
      return { type: 'spoiler', offset, length };
    case 'blockquote':
      return { type: open.attrs.has('expandable') ? 'expandable_blockquote' : 'blockquote', offset, length };
    case 'tg-emoji':
      return { type: 'custom_emoji', offset, length, custom_emoji_id: open.attrs.get('emoji-id') ?? '' };
    case 'pre': {
      const language = open.attrs.get(' language');
      return language ? { type: 'pre', offset, length, language } : { type: 'pre', offset, length };
    }
    case 'code': {
      const language = open.attrs.get('class')?.match(/^language-(.+)$/)?.[1];
      return language ? { type: 'pre', offset, length, language } : { type: 'code', offset, length };
    }
    case 'a': {
      const url = open.attrs.get('href') || out.slice(offset);
      const user = url.match(/^tg:\/\/user\?id=(\d+)$/);
      if (user)
        return { type: 'text_mention', offset, length, user: { id: Number(user[1]), is_bot: false, first_name: '' } };
      return { type: 'text_link', offset, length, url };
    }
    default:
      return null;
  }
}

// Telegram strips leading and trailing whitespace from a message, and moves the entities with it.
function trimmed(text: string, entities: Entity[]): { text: string; entities: Entity[] } {
  const lead = text.length - text.trimStart().length;
  const result = text.trim();
  const kept = entities
    .map((e) => {
      const start = Math.max(0, e.offset - lead);
      const end = Math.min(result.length, e.offset + e.length - lead);
      return { ...e, offset: start, length: end - start };
    })
    .filter((e) => e.length > 0)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: result, entities: kept };
}

/** Number of characters the way Telegram counts a message against its limits (code points). */
export function telegramLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
