// A dialog collects a command's arguments step by step instead of as typed words: a Slack modal
// shows every field at once, a Telegram wizard asks one field per message. Either way the answers
// become the same command line and go through dispatch, so a dialog adds no logic of its own.
import type { CustomTypeOptions } from 'i18next';
import type { CommandContext } from './command.ts';

export interface Option {
  /** A short, stable key (a RapidPro uuid, a region id): what buttons and selects carry. */
  value: string;
  label: string;
  /** What goes on the command line when it is not the label (e.g. `none` for "top level"). */
  word?: string;
}

type DialogTexts = CustomTypeOptions['resources']['dialogs'];
/** A dialog the catalogue has a title and a submit button for. */
type DialogId = {
  [K in keyof DialogTexts]: DialogTexts[K] extends { title: string; submit: string } ? K : never;
}[keyof DialogTexts];
/** The fields of dialog `D` the catalogue has a label and a hint for. */
type FieldIdOf<D extends DialogId> = {
  [F in keyof DialogTexts[D]]: DialogTexts[D][F] extends { label: string; hint: string } ? F : never;
}[keyof DialogTexts[D]] &
  string;

type DialogField<Id extends string> =
  | { id: Id; kind: 'text' | 'url' | 'secret' }
  | {
      id: Id;
      kind: 'one' | 'many';
      options(ctx: CommandContext): Promise<Option[]>;
      /** What is chosen already (the current polls, regions…), pre-selected. */
      chosen?(ctx: CommandContext): Promise<string[]>;
    }
  /** A chat user, given to the command as `<platform>:<user id>` (Slack's user picker). */
  | { id: Id; kind: 'user' };

/** A dialog whose id and field ids are checked against its texts in the catalogue. */
interface DialogOf<D extends DialogId> {
  /** Short and plain: it travels in Slack callback ids and Telegram callback data. */
  id: D;
  /** The command line that, typed without further arguments, opens the dialog. */
  opens: string;
  /** Only in a private chat (the dialog asks for a secret). */
  privateOnly?: boolean;
  fields: DialogField<FieldIdOf<D>>[];
  /** The command line for the answers: choices by their labels, text as typed. */
  toCommand(values: Record<string, string[]>): string;
  /** The field an error (by its translation key) is shown beside; the first one otherwise. */
  fieldOf?(errorKey: string | undefined): FieldIdOf<D> | undefined;
}

export type Dialog = { [D in DialogId]: DialogOf<D> }[DialogId];

/** The key of a field's label or hint (a field of that dialog: its definition is checked above). */
export function fieldText(dialogId: DialogId, fieldId: string, part: 'label' | 'hint') {
  return `dialogs:${dialogId}.${fieldId}.${part}` as {
    [D in DialogId]: `dialogs:${D}.${FieldIdOf<D>}.${'label' | 'hint'}`;
  }[DialogId];
}

/** A word for a command line: quoted, so names with spaces stay one argument. */
export function quote(word: string): string {
  return word.includes('"') ? `'${word}'` : `"${word}"`;
}
