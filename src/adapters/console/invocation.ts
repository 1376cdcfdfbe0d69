import type { Button } from '../../core/reply.ts';
import type { Invocation } from '../../core/invocation.ts';

/** A line typed on the console: a command, or the number of a button of the last reply. */
export function toInvocation(line: string, lastButtons: readonly Button[], user: string): Invocation | null {
  const text = line.trim();
  if (text === '') return null;
  const pressed = /^\d{1,2}$/.test(text) ? lastButtons[Number(text) - 1] : undefined;
  return {
    platform: 'console',
    userId: user,
    userName: user,
    chatId: 'console',
    text: pressed ? pressed.command : text,
    fromButton: Boolean(pressed),
  };
}
