// Reply → Telegram messages in HTML. Only `<`, `>` and `&` need escaping in Telegram's HTML, and
// every piece of text from a reply is escaped, so a contact called "<b>" formats nothing. Each
// line is complete in itself (its tags open and close on it), so a long reply is split between
// lines into messages of at most 4096 characters. Buttons are handed back for the adapter to key.
import type { Block, Button, Reply } from '../../core/reply.ts';
import { telegramLimits } from './limits.ts';

export interface TelegramMessage {
  html: string;
}

export interface TelegramFile {
  kind: 'photo' | 'document';
  data: Buffer;
  filename: string;
  caption: string;
}

export interface RenderedReply {
  messages: TelegramMessage[];
  /** Buttons go under the last message, in rows. */
  buttons: Button[][];
  files: TelegramFile[];
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text wrapped in a tag, cut into pieces that fit a message once escaped. */
function lines(text: string, wrap: (html: string) => string = (html) => html): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    // Escaping can triple a character (& → &amp;), so pieces are cut well inside the limit.
    const piece = Math.floor(telegramLimits.messageText / 5);
    for (let i = 0; i === 0 || i < line.length; i += piece) out.push(wrap(escapeHtml(line.slice(i, i + piece))));
  }
  return out;
}

function toLines(block: Block): string[] {
  switch (block.type) {
    case 'heading':
      return lines(block.text, (html) => `<b>${html}</b>`);
    case 'text':
      return lines(block.text);
    case 'fields':
      return block.fields.flatMap((f) => lines(`${f.label}: ${f.value}`));
    case 'list':
      return block.items.flatMap((item) => lines(`• ${item}`));
    case 'context':
      return lines(block.text, (html) => `<i>${html}</i>`);
    case 'buttons':
    case 'image':
    case 'file':
      return [];
  }
}

export function renderReply(reply: Reply): RenderedReply {
  const messages: TelegramMessage[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of reply.blocks.flatMap(toLines)) {
    if (size + line.length + 1 > telegramLimits.messageText && current.length > 0) {
      messages.push({ html: current.join('\n') });
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.some((line) => line.trim() !== '')) messages.push({ html: current.join('\n') });
  const buttons = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += telegramLimits.buttonsPerRow) rows.push(buttons.slice(i, i + telegramLimits.buttonsPerRow));
  const files = reply.blocks.flatMap((b): TelegramFile[] => {
    // Telegram cuts file names at quotes on upload; keep them out.
    const filename = (name: string) => name.replace(/["\\]/g, '');
    if (b.type === 'image') return [{ kind: 'photo', data: b.png, filename: filename(b.filename), caption: b.alt.slice(0, telegramLimits.caption) }];
    if (b.type === 'file') return [{ kind: 'document', data: b.data, filename: filename(b.filename), caption: '' }];
    return [];
  });
  return { messages, buttons: rows, files };
}
