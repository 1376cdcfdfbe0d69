// The command menu Telegram shows when a user types "/", per language, from the same registry
// and descriptions as `help`. Telegram allows only [a-z0-9_] in names, so `fetch-runs` is shown
// as `fetch_runs` (and read back as `fetch-runs`). Admin commands stay out of the shared menu.
import type { Telegram } from 'telegraf';
import type { Command } from '../../core/command.ts';
import type { I18n } from '../../core/i18n.ts';
import { telegramLimits } from './limits.ts';

export async function registerCommands(telegram: Telegram, commands: readonly Command[], i18n: I18n): Promise<void> {
  const shown = commands.filter((c) => !c.hidden && c.role === 'supervisor');
  for (const lng of i18n.languages) {
    const { t } = i18n.forLanguage(lng);
    const menu = shown.map((c) => ({
      command: c.name.replace(/-/g, '_').slice(0, telegramLimits.commandName),
      description: t(`commands:${c.name}.description`).slice(0, telegramLimits.commandDescription),
    }));
    // English is also the menu for languages we do not speak.
    await telegram.setMyCommands(menu, lng === 'en' ? {} : { language_code: lng });
  }
}
