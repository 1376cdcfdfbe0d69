// The command menu Telegram shows when a user types "/", per language, from the same registry
// and descriptions as `help`. Telegram allows only [a-z0-9_] in names, so `fetch-runs` is shown
// as `fetch_runs` (and read back as `fetch-runs`). Everyone's menu holds the supervisors'
// commands; each admin's private chat gets a menu of its own with the admin commands too.
import type { Telegram } from 'telegraf';
import type { Command } from '../../core/command.ts';
import type { I18n } from '../../core/i18n.ts';
import type { Sql } from '../../db/client.ts';
import { listChatUsers } from '../../db/queries/list-chat-users.ts';
import { telegramLimits } from './limits.ts';

function menuOf(commands: readonly Command[], i18n: I18n, lng: string) {
  const { t } = i18n.forLanguage(lng);
  return commands
    .filter((c) => !c.hidden)
    .map((c) => ({
      command: c.name.replace(/-/g, '_').slice(0, telegramLimits.commandName),
      description: t(`commands:${c.name}.description`).slice(0, telegramLimits.commandDescription),
    }));
}

export async function registerCommands(telegram: Telegram, commands: readonly Command[], i18n: I18n): Promise<void> {
  const shared = commands.filter((c) => c.role === 'supervisor');
  for (const lng of i18n.languages) {
    // English is also the menu for languages we do not speak.
    await telegram.setMyCommands(menuOf(shared, i18n, lng), lng === 'en' ? {} : { language_code: lng });
  }
}

/** The admins' own menus, in each admin's language: all of them, or the one just linked. */
export async function registerAdminCommands(telegram: Telegram, commands: readonly Command[], i18n: I18n, sql: Sql, onlyUser?: string): Promise<void> {
  const admins = await listChatUsers(sql, 'telegram', { role: 'admin' });
  for (const admin of admins.filter((a) => onlyUser === undefined || a.externalId === onlyUser)) {
    // An admin who has not opened a chat with the bot yet has no chat to scope a menu to.
    await telegram
      .setMyCommands(menuOf(commands, i18n, admin.language ?? 'en'), { scope: { type: 'chat', chat_id: Number(admin.externalId) } })
      .catch(() => undefined);
  }
}
