// A Slack modal that collects a command's arguments. Submitting it runs the same command line
// through dispatch, so a modal adds no logic of its own.
import type { Translate } from '../../../core/i18n.ts';

export interface SlackDialog {
  id: string;
  /** Whether a command line typed without its arguments should open this dialog instead. */
  opensFor(text: string): boolean;
  view(t: Translate): { title: string; submit: string; blocks: Record<string, unknown>[] };
  /** The command line for the submitted values (block id → value). */
  toCommand(values: Record<string, string | undefined>): string;
  /** The block an error belongs beside. */
  fieldOf(errorKey: string | undefined): string;
}
