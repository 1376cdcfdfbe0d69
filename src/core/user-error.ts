// An error the user can fix: shown translated, with the command's usage line. Anything else
// thrown by a command is logged with a reference id and the user sees a generic message.

export class UserError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, unknown> = {},
    /** Whether the reply should remind the user of the command's usage. */
    readonly showUsage = false,
  ) {
    super(key);
    this.name = 'UserError';
  }
}
