// Telegram updates → Invocations. In a private chat anything typed is a command (with or without
// its slash); in a group only `/command` or `/command@thisbot` is.
import type { Invocation } from '../../core/invocation.ts';

export interface TelegramText {
  text: string;
  chat: { id: number; type: string };
  from: { id: number; language_code?: string; first_name?: string; username?: string };
}

export function fromText(message: TelegramText, botUsername: string): Invocation | null {
  const text = message.text.trim();
  const command = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text);
  if (command) {
    // A command addressed to another bot in the same group is not ours.
    if (command[2] && command[2].toLowerCase() !== botUsername.toLowerCase()) return null;
  } else if (message.chat.type !== 'private') {
    return null;
  }
  // Menu names use `_` where command names have `-` (fetch_runs → fetch-runs).
  const line = command ? `${command[1]!.replace(/_/g, '-')}${command[3] ? ` ${command[3]}` : ''}` : text;
  return {
    platform: 'telegram',
    userId: String(message.from.id),
    userName: message.from.username ?? message.from.first_name,
    chatId: String(message.chat.id),
    // `/start` alone is a greeting (answered with help); `/start <code>` comes from an invite's
    // link and redeems it.
    text: line === 'start' ? 'help' : line.startsWith('start ') ? `join ${line.slice('start '.length)}` : line,
    locale: message.from.language_code,
    botName: botUsername,
  };
}
