// A dialog collects a command's arguments step by step instead of as typed words: a Slack modal
// shows every field at once, a Telegram wizard asks one field per message. Either way the answers
// become the same command line and go through dispatch, so a dialog adds no logic of its own.
import type { CommandContext } from './command.ts';

export interface Option {
  /** A short, stable key (a RapidPro uuid, a region id): what buttons and selects carry. */
  value: string;
  label: string;
  /** What goes on the command line when it is not the label (e.g. `none` for "top level"). */
  word?: string;
}

type DialogField =
  | { id: string; kind: 'text' | 'url' | 'secret' }
  | {
      id: string;
      kind: 'one' | 'many';
      options(ctx: CommandContext): Promise<Option[]>;
      /** What is chosen already (the current polls, regions…), pre-selected. */
      chosen?(ctx: CommandContext): Promise<string[]>;
    }
  /** A chat user, given to the command as `<platform>:<user id>` (Slack's user picker). */
  | { id: string; kind: 'user' };

export interface Dialog {
  /** Short and plain: it travels in Slack callback ids and Telegram callback data. */
  id: string;
  /** The command line that, typed without further arguments, opens the dialog. */
  opens: string;
  /** Only in a private chat (the dialog asks for a secret). */
  privateOnly?: boolean;
  fields: DialogField[];
  /** The command line for the answers: choices by their labels, text as typed. */
  toCommand(values: Record<string, string[]>): string;
  /** The field an error (by its translation key) is shown beside; the first one otherwise. */
  fieldOf?(errorKey: string | undefined): string | undefined;
}

/** A word for a command line: quoted, so names with spaces stay one argument. */
export function quote(word: string): string {
  return word.includes('"') ? `'${word}'` : `"${word}"`;
}
