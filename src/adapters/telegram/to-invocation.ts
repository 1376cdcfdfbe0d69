// Telegram updates → Invocations. In a private chat every line is for the bot (a command, with
// or without its slash, or a question); in a group only `/command` or `/command@thisbot` is, and
// a line that mentions the bot (@thisbot) or answers one of its messages — anything else is
// people talking among themselves.
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
  /** The message this one answers (Telegram's `reply_to_message`). */
  reply_to_message?: { from?: { id: number } };
}

export function fromText(
  message: TelegramText,
  bot: { username: string; id: number },
  commands: readonly Command[],
): Invocation | null {
  let text = message.text.trim();
  const command = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text);
  if (command) {
    // A command addressed to another bot in the same group is not ours.
    if (command[2] && command[2].toLowerCase() !== bot.username.toLowerCase()) return null;
  } else if (message.chat.type !== 'private') {
    // Usernames are case-insensitive; the mention is taken out of what the bot reads.
    const mention = new RegExp(`(^|[^\\w@])@${bot.username}(?![\\w])`, 'i');
    if (!mention.test(text) && message.reply_to_message?.from?.id !== bot.id) return null;
    text = text.replace(mention, '$1').replace(/\s+/g, ' ').trim();
    if (text === '') return null;
  }
  return {
    platform: 'telegram',
    userId: String(message.from.id),
    userName: message.from.username ?? message.from.first_name,
    chatId: String(message.chat.id),
    text: command ? slashLine(command[1]!, command[3]?.trim() ?? '', commands) : text,
    locale: message.from.language_code,
    botName: bot.username,
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
