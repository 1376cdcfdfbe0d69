// Telegram updates → Invocations. In a private chat anything typed is a command (with or without
// its slash); in a group only `/command` or `/command@thisbot` is.
//
// `/start` is Telegram's: alone it greets (answered with help), and `/start <code>` comes from an
// invite's link and redeems it (an invite's code has a shape of its own). Anything else
// (`/start Attendance`, `/start Attendance Kampala`) is someone starting a poll, as is a typed
// `start …` without the slash and `/startpoll …`.
import type { Command } from '../../core/command.ts';
import type { Invocation } from '../../core/invocation.ts';
import { fromMenuName } from './command-names.ts';
import { isInviteCode } from '../../core/invite-code.ts';

export interface TelegramText {
  text: string;
  chat: { id: number; type: string };
  from: { id: number; language_code?: string; first_name?: string; username?: string };
}

export function fromText(message: TelegramText, botUsername: string, commands: readonly Command[]): Invocation | null {
  const text = message.text.trim();
  const command = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text);
  if (command) {
    // A command addressed to another bot in the same group is not ours.
    if (command[2] && command[2].toLowerCase() !== botUsername.toLowerCase()) return null;
  } else if (message.chat.type !== 'private') {
    return null;
  }
  return {
    platform: 'telegram',
    userId: String(message.from.id),
    userName: message.from.username ?? message.from.first_name,
    chatId: String(message.chat.id),
    text: command ? slashLine(command[1]!, command[3]?.trim() ?? '', commands) : text,
    locale: message.from.language_code,
    botName: botUsername,
  };
}

function slashLine(word: string, rest: string, commands: readonly Command[]): string {
  if (word.toLowerCase() === 'start') {
    if (rest === '') return 'help';
    if (isInviteCode(rest)) return `join ${rest}`;
  }
  const name = fromMenuName(word, commands);
  return rest === '' ? name : `${name} ${rest}`;
}
