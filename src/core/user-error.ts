// An error the user can fix: shown translated, with the command's usage line. Anything else
// thrown by a command is logged with a reference id and the user sees a generic message.
import type { TranslationKey } from './i18n.ts';

export class UserError extends Error {
  constructor(
    readonly key: TranslationKey,
    readonly params: Record<string, unknown> = {},
    /** Whether the reply should remind the user of the command's usage. */
    readonly showUsage = false,
  ) {
    super(key);
    this.name = 'UserError';
  }
}
