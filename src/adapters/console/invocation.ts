import type { Button } from '../../core/reply.ts';
import type { Invocation } from '../../core/invocation.ts';
import type { Platform } from '../../db/schema/chat.ts';

/** Whom the console speaks as: its own user, or a linked person an admin previews (`--as`). */
export interface ConsoleUser {
  platform: Platform;
  userId: string;
}

/** A line typed on the console: a command, or the number of a button of the last reply. */
export function toInvocation(
  line: string,
  lastButtons: readonly Button[],
  user: string,
  as?: ConsoleUser,
): Invocation | null {
  const text = line.trim();
  if (text === '') return null;
  const pressed = /^\d{1,2}$/.test(text) ? lastButtons[Number(text) - 1] : undefined;
  return {
    platform: as?.platform ?? 'console',
    userId: as?.userId ?? user,
    userName: as ? undefined : user,
    chatId: 'console',
    text: pressed ? pressed.command : text,
    fromButton: Boolean(pressed),
  };
}
