// Reply → Slack messages. Every piece of text is plain_text (or escaped where Slack insists on
// mrkdwn), so a contact called "<!channel>" or "*bold*" mentions and formats nothing. Slack's
// limits are enforced here: long sections are split, a reply longer than one message becomes
// several, and images and files are handed back for upload.
import type { Button as SlackButton, KnownBlock, PlainTextElement } from '@slack/types';
import { isConfirmation, type Block, type Button, type Reply } from '../../core/reply.ts';
import { slackLimits } from './limits.ts';

export interface SlackMessage {
  /** The notification and accessibility text (mrkdwn, escaped). */
  text: string;
  blocks: SlackBlock[];
}

export interface SlackUpload {
  data: Buffer;
  filename: string;
  title: string;
  /** What a picture shows, for screen readers. */
  altText?: string;
}

export type SlackBlock = KnownBlock;

export interface RenderedReply {
  messages: SlackMessage[];
  uploads: SlackUpload[];
}

/** `&`, `<` and `>` are the only characters Slack's mrkdwn treats as control sequences. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text cut to `max` characters (with an ellipsis when cut): Slack refuses longer. */
export const plain = (text: string, max: number): PlainTextElement => ({
  type: 'plain_text',
  text: clip(text, max),
  emoji: false,
});

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

/** Splits text into pieces of at most `max` characters, on line boundaries where it can. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    for (let rest = line; ; ) {
      const room = max - (current ? current.length + 1 : 0);
      if (rest.length <= room) {
        current = current ? `${current}\n${rest}` : rest;
        break;
      }
      if (current) {
        pieces.push(current);
        current = '';
        continue;
      }
      pieces.push(rest.slice(0, max));
      rest = rest.slice(max);
      if (rest === '') break;
    }
  }
  if (current || pieces.length === 0) pieces.push(current);
  return pieces;
}

function section(text: string): SlackBlock[] {
  return splitText(text === '' ? ' ' : text, slackLimits.sectionText).map((piece) => ({
    type: 'section',
    text: plain(piece || ' ', slackLimits.sectionText),
  }));
}

function toBlocks(block: Block, buttonIndex: { next: number }): SlackBlock[] {
  switch (block.type) {
    case 'heading':
      return [{ type: 'header', text: plain(block.text, slackLimits.headerText) }];
    case 'text':
      return section(block.text);
    case 'list':
      return section(block.items.map((item) => `• ${item}`).join('\n'));
    case 'context':
      return [{ type: 'context', elements: [plain(block.text, slackLimits.sectionText)] }];
    case 'fields': {
      const blocks: SlackBlock[] = [];
      for (let i = 0; i < block.fields.length; i += slackLimits.fieldsPerSection) {
        const fields = block.fields
          .slice(i, i + slackLimits.fieldsPerSection)
          .map((f) => plain(`${f.label}\n${f.value}`, slackLimits.fieldText));
        blocks.push({ type: 'section', fields });
      }
      return blocks;
    }
    case 'buttons': {
      const settles = isConfirmation(block.buttons);
      const blocks: SlackBlock[] = [];
      for (let i = 0; i < block.buttons.length; i += slackLimits.actionsElements) {
        blocks.push({
          type: 'actions',
          elements: block.buttons
            .slice(i, i + slackLimits.actionsElements)
            .map((button) => toButton(button, buttonIndex.next++, settles)),
        });
      }
      return blocks;
    }
    case 'image':
    case 'file':
      return [];
  }
}

function toButton(button: Button, index: number, settles: boolean): SlackButton {
  return {
    type: 'button',
    // Unique in the message; the command travels in the value and re-enters dispatch on a click.
    action_id: `${settles ? 'confirm' : 'command'}:${index}`,
    text: plain(button.label, slackLimits.buttonText),
    value: button.command.slice(0, slackLimits.buttonValue),
    ...(button.style ? { style: button.style } : {}),
  };
}

/**
 * The plain words of a reply, for notifications and screen readers: its heading or first text,
 * else its first note (an export is a file and a note), else the names of its files.
 */
function summary(reply: Reply): string {
  const first =
    reply.blocks.find((b) => b.type === 'heading' || b.type === 'text') ??
    reply.blocks.find((b) => b.type === 'context' || b.type === 'list');
  const text = !first
    ? filenames(reply)
    : first.type === 'list'
      ? first.items.join(', ')
      : 'text' in first
        ? first.text
        : '';
  return escapeMrkdwn(clip(text, 3000));
}

const filenames = (reply: Reply) =>
  reply.blocks.flatMap((b) => (b.type === 'image' || b.type === 'file' ? [b.filename] : [])).join(', ');

export function renderBlocks(reply: Reply): RenderedReply {
  const buttonIndex = { next: 0 };
  const all = reply.blocks.flatMap((block) => toBlocks(block, buttonIndex));
  const messages: SlackMessage[] = [];
  const text = summary(reply);
  for (let i = 0; i < all.length; i += slackLimits.blocksPerMessage) {
    messages.push({ text: text || ' ', blocks: all.slice(i, i + slackLimits.blocksPerMessage) });
  }
  const uploads = reply.blocks.flatMap((block): SlackUpload[] => {
    if (block.type === 'image')
      return [{ data: block.png, filename: block.filename, title: block.alt, altText: block.alt }];
    if (block.type === 'file') return [{ data: block.data, filename: block.filename, title: block.filename }];
    return [];
  });
  // A reply that is only a picture or a file is the upload alone.
  if (messages.length === 0 && uploads.length === 0) messages.push({ text: ' ', blocks: [] });
  return { messages, uploads };
}
