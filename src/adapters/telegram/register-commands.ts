// The command menu Telegram shows when a user types "/", from the same registry and descriptions
// as `help`. Everyone's default menu, one per language, holds the supervisors' commands. Each
// linked person's private chat gets a menu of its own, for their role and in their language: set
// after their first message that a process handles (a chat-scoped menu can only be set once the
// person has opened the chat), and set again whenever their role or language has changed since.
import type { Logger } from 'pino';
import type { Telegram } from 'telegraf';
import type { Command } from '../../core/command.ts';
import type { I18n } from '../../core/i18n.ts';
import type { Sql } from '../../db/client.ts';
import type { Role } from '../../db/schema/chat.ts';
import { toMenuName } from './command-names.ts';
import { telegramLimits } from './limits.ts';

function menuOf(commands: readonly Command[], i18n: I18n, lng: string): { command: string; description: string }[] {
  const { t } = i18n.forLanguage(lng);
  return commands
    .filter((c) => !c.hidden)
    .map((c) => ({
      command: toMenuName(c).slice(0, telegramLimits.commandName),
      description: t(`commands:${c.name}.description`).slice(0, telegramLimits.commandDescription),
    }));
}

const forRole = (commands: readonly Command[], role: Role) =>
  commands.filter((c) => c.role === 'supervisor' || role === 'admin');

export async function registerCommands(telegram: Telegram, commands: readonly Command[], i18n: I18n): Promise<void> {
  const shared = forRole(commands, 'supervisor');
  for (const lng of i18n.languages) {
    // English is also the menu for languages we do not speak.
    await telegram.setMyCommands(menuOf(shared, i18n, lng), lng === 'en' ? {} : { language_code: lng });
  }
}

export interface PersonalMenus {
  /** Brings the menu of this person's private chat up to date with their role and language. */
  sync(person: { userId: string; chatId: string; chatType: string; locale?: string }): Promise<void>;
}

/** How many chats' menus a process remembers having set (then it forgets and sets them again). */
const REMEMBERED = 10_000;

export function createPersonalMenus(deps: {
  telegram: Telegram;
  commands: readonly Command[];
  i18n: I18n;
  sql: Sql;
  log: Logger;
}): PersonalMenus {
  const { telegram, commands, i18n, sql, log } = deps;
  // What each chat's menu was last set to by this process: "role:language", or "" for none.
  const set = new Map<string, string>();
  return {
    async sync({ userId, chatId, chatType, locale }) {
      if (chatType !== 'private') return;
      const [person] = await sql<{ role: Role; language: string | null }[]>`
        select role, language from chat_identities where platform = 'telegram' and external_id = ${userId} limit 1`;
      const lng = person ? i18n.forLanguage(person.language ?? locale).lng : '';
      const wanted = person ? `${person.role}:${lng}` : '';
      // Someone never linked keeps the default menu; one seen linked before (unlinked since) loses theirs.
      if (set.get(chatId) === wanted || (!person && !set.has(chatId))) return;
      const scope = { scope: { type: 'chat' as const, chat_id: Number(chatId) } };
      try {
        if (person) await telegram.setMyCommands(menuOf(forRole(commands, person.role), i18n, lng), scope);
        else await telegram.deleteMyCommands(scope);
      } catch (error) {
        // Tried again on the person's next message.
        log.warn({ err: error, chatId }, 'could not set a Telegram chat’s command menu');
        return;
      }
      if (set.size >= REMEMBERED) set.clear();
      set.set(chatId, wanted);
    },
  };
}
