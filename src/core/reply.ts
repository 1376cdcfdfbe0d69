// The neutral Reply model: what a command answers, before any platform renders it. Text is plain
// (no markup): renderers escape it for their platform, so a user value can never inject markup.
import type { Holding } from './privacy.ts';

export interface Button {
  label: string;
  /** The command line a click runs, through the same dispatch as typed commands. */
  command: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'list'; items: string[] }
  | { type: 'context'; text: string }
  | { type: 'image'; png: Buffer; alt: string; filename: string }
  | { type: 'file'; data: Buffer; filename: string; mimeType: string }
  | { type: 'buttons'; buttons: Button[] };

export interface Reply {
  blocks: Block[];
  /** Right-to-left languages set this so renderers can align the text. */
  direction: 'ltr' | 'rtl';
  /** The language it is written in (set by dispatch): renderers follow its typography. */
  lng?: string;
  /** Private replies are shown only to the person who asked (ephemeral on Slack). */
  private?: boolean;
  /** What the reply holds (see core/privacy.ts): set by dispatch from the command that made it. */
  holds?: Holding;
  /** An error reply, for renderers that mark them and for scripts. */
  isError?: boolean;
  /** Which error (its translation key), so a dialog can show it beside the field at fault. */
  errorKey?: string;
}

export const heading = (text: string): Block => ({ type: 'heading', text });
export const paragraph = (text: string): Block => ({ type: 'text', text });
export const fields = (entries: { label: string; value: string }[]): Block => ({ type: 'fields', fields: entries });
export const list = (items: string[]): Block => ({ type: 'list', items });
export const note = (text: string): Block => ({ type: 'context', text });
export const buttons = (...entries: Button[]): Block => ({ type: 'buttons', buttons: entries });

/**
 * A field as one line of text, "label: value". French sets a no-break space before the colon
 * (as before ; ! ?, which the translations carry themselves), so "Rôle : Admin" never breaks
 * between the word and its colon.
 */
export function fieldLine(field: { label: string; value: string }, lng: string | undefined): string {
  return `${field.label}${lng?.startsWith('fr') ? '\u00a0:' : ':'} ${field.value}`;
}

/**
 * A row with a primary button asks to confirm (Send, Start…) or cancel: pressing either settles
 * the message, so adapters put the outcome in its place rather than leave buttons to press again.
 */
export function isConfirmation(row: Button[]): boolean {
  return row.some((b) => b.style === 'primary');
}

/** A reply's text on one line: the reason shown beside a dialog's field when it is refused. */
export function reasonOf(reply: Reply): string {
  return reply.blocks.flatMap((b) => ('text' in b ? [b.text] : [])).join(' ');
}
