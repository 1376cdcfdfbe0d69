// Reply → Telegram messages in HTML. Only `<`, `>` and `&` need escaping in Telegram's HTML, and
// every piece of text from a reply is escaped, so a contact called "<b>" formats nothing. Each
// line is complete in itself (its tags open and close on it), so a long reply is split between
// lines into messages of at most 4096 characters.
//
// Buttons go under the text they act on: a reply with several rows of buttons (one per poll in
// `polls`) becomes one message per row, each under the lines before it, so no row of identical
// buttons is left without the poll it is for. Pictures go as one album when there are several; a
// file goes with the reply's text as its caption when it fits. In a right-to-left reply every
// line starts right to left.
import { fieldLine, type Block, type Button, type Reply } from '../../core/reply.ts';
import { telegramLimits } from './limits.ts';
import { toRightToLeft } from './right-to-left.ts';

interface TelegramMessage {
  html: string;
  /** Under this message, in rows. */
  buttons: Button[][];
}

export interface TelegramFile {
  kind: 'photo' | 'document';
  data: Buffer;
  filename: string;
  /** HTML, like a message. */
  caption: string;
  /** Under the file (a file whose caption carries the reply's text carries its buttons too). */
  buttons: Button[][];
}

export interface RenderedReply {
  messages: TelegramMessage[];
  /** Sent after the messages; two or more photos in a row go as one album. */
  files: TelegramFile[];
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text wrapped in a tag, cut into pieces that fit a message once escaped. */
function lines(text: string, direction: Reply['direction'], wrap: (html: string) => string = (html) => html): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    // Escaping can triple a character (& → &amp;), so pieces are cut well inside the limit.
    const piece = Math.floor(telegramLimits.messageText / 5);
    for (let i = 0; i === 0 || i < line.length; i += piece) {
      const part = line.slice(i, i + piece);
      out.push(wrap(escapeHtml(direction === 'rtl' ? toRightToLeft(part) : part)));
    }
  }
  return out;
}

function toLines(block: Block, direction: Reply['direction'], lng: string | undefined): string[] {
  switch (block.type) {
    case 'heading':
      return lines(block.text, direction, (html) => `<b>${html}</b>`);
    case 'text':
      return lines(block.text, direction);
    case 'fields':
      return block.fields.flatMap((f) => lines(fieldLine(f, lng), direction));
    case 'list':
      return block.items.flatMap((item) => lines(`• ${item}`, direction));
    case 'context':
      return lines(block.text, direction, (html) => `<i>${html}</i>`);
    case 'buttons':
    case 'image':
    case 'file':
      return [];
  }
}

/** Lines into messages of at most 4096 characters; the buttons go under the last one. */
function toMessages(htmlLines: string[], buttons: Button[][]): TelegramMessage[] {
  const messages: TelegramMessage[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of htmlLines) {
    if (size + line.length + 1 > telegramLimits.messageText && current.length > 0) {
      messages.push({ html: current.join('\n'), buttons: [] });
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.some((line) => line.trim() !== '')) messages.push({ html: current.join('\n'), buttons: [] });
  if (buttons.length > 0) {
    // Buttons with no text before them go under the previous message, or under a line of their own.
    if (messages.length === 0) messages.push({ html: '⬇️', buttons: [] });
    messages.at(-1)!.buttons = buttons;
  }
  return messages;
}

function toRows(buttons: Button[]): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += telegramLimits.buttonsPerRow)
    rows.push(buttons.slice(i, i + telegramLimits.buttonsPerRow));
  return rows;
}

export function renderReply(reply: Reply): RenderedReply {
  const rowsOfButtons = reply.blocks.filter((b) => b.type === 'buttons').length;
  // Sections: the lines up to each row of buttons (when there are several), then the rest.
  const sections: { lines: string[]; buttons: Button[] }[] = [{ lines: [], buttons: [] }];
  for (const block of reply.blocks) {
    const section = sections.at(-1)!;
    if (block.type === 'buttons') {
      section.buttons.push(...block.buttons);
      if (rowsOfButtons > 1) sections.push({ lines: [], buttons: [] });
    } else {
      section.lines.push(...toLines(block, reply.direction, reply.lng));
    }
  }
  const messages = sections.flatMap((s) =>
    s.lines.length > 0 || s.buttons.length > 0 ? toMessages(s.lines, toRows(s.buttons)) : [],
  );

  // Telegram cuts file names at quotes on upload; keep them out.
  const filename = (name: string) => name.replace(/["\\]/g, '');
  const caption = (text: string) =>
    escapeHtml((reply.direction === 'rtl' ? toRightToLeft(text) : text).slice(0, telegramLimits.caption));
  const files = reply.blocks.flatMap((b): TelegramFile[] => {
    if (b.type === 'image')
      return [{ kind: 'photo', data: b.png, filename: filename(b.filename), caption: caption(b.alt), buttons: [] }];
    if (b.type === 'file')
      return [{ kind: 'document', data: b.data, filename: filename(b.filename), caption: '', buttons: [] }];
    return [];
  });
  // A lone file takes the reply's text (and buttons) as its caption when it fits: one message, not two.
  const [only] = files;
  if (
    only?.kind === 'document' &&
    files.length === 1 &&
    messages.length === 1 &&
    messages[0]!.html.length <= telegramLimits.caption
  ) {
    return { messages: [], files: [{ ...only, caption: messages[0]!.html, buttons: messages[0]!.buttons }] };
  }
  return { messages, files };
}
