// The Telegram bot: long polling by default, a webhook (with its secret checked on every
// delivery) when TELEGRAM_WEBHOOK_URL is set. Commands and button presses become Invocations;
// no command logic lives here. A handler error is logged and never stops the bot.
import { Telegraf } from 'telegraf';
import type { Logger } from 'pino';
import type { Command } from '../../core/command.ts';
import type { Dialogs } from '../../core/create-dialogs.ts';
import type { Dispatch } from '../../core/dispatch.ts';
import type { Reply } from '../../core/reply.ts';
import type { I18n } from '../../core/i18n.ts';
import type { Notifier } from '../../core/notifier.ts';
import type { Sql } from '../../db/client.ts';
import { claimDelivery } from '../../db/queries/claim-delivery.ts';
import type { HttpServer } from '../../http/start-http-server.ts';
import { commandFor } from './button-codes.ts';
import { createPacer } from './pace-outbound.ts';
import { registerAdminCommands, registerCommands } from './register-commands.ts';
import { createWizards, type WizardUser } from './run-wizards.ts';
import { renderReply } from './render-reply.ts';
import { sendReply } from './send-reply.ts';
import { fromText } from './to-invocation.ts';

export interface TelegramOptions {
  token: string;
  /** Another Bot API server (tests, a self-hosted one). */
  apiRoot?: string;
  /** Webhook mode: Telegram posts updates to `url`, which must reach `http` at its path. */
  webhook?: { url: string; secret: string; http: HttpServer };
  dispatch: Dispatch;
  /** Admin commands with several arguments, as wizards. */
  dialogs: Dialogs;
  i18n: I18n;
  sql: Sql;
  log: Logger;
  /** Telegram's pace (tests slow it down or speed it up). */
  pace?: Parameters<typeof createPacer>[0];
  /** The registry, for the command menus. */
  menu?: readonly Command[];
}

export interface TelegramAdapter {
  notifier: Notifier;
  stop(): Promise<void>;
}

export async function startTelegram(options: TelegramOptions): Promise<TelegramAdapter> {
  const { dispatch, i18n, sql, log } = options;
  // webhookReply: false — answers go out as API calls, never in the webhook's response body.
  const bot = new Telegraf(options.token, { telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) } });
  const me = await bot.telegram.getMe();
  const pacer = createPacer(options.pace);
  if (options.menu) {
    await registerCommands(bot.telegram, options.menu, i18n);
    await registerAdminCommands(bot.telegram, options.menu, i18n, sql);
  }
  const send = (chatId: string, reply: Reply) => sendReply(bot.telegram, pacer, sql, chatId, reply);
  const wizards = createWizards({ telegram: bot.telegram, pacer, sql, dialogs: options.dialogs, i18n, log, sendReply: send });

  // Telegram re-sends an update it thinks was lost; the first process to claim its id handles it.
  // Update ids count per bot, so the bot's id is part of the key.
  bot.use(async (ctx, next) => {
    if (!(await claimDelivery(sql, 'telegram', `${me.id}:${ctx.update.update_id}`))) {
      log.debug({ updateId: ctx.update.update_id }, 'repeated Telegram update dropped');
      return;
    }
    await next();
  });

  bot.on('text', async (ctx) => {
    const invocation = fromText(ctx.message, me.username);
    const typed = ctx.message.text;
    const user: WizardUser = { userId: String(ctx.from.id), chatId: String(ctx.chat.id), chatType: ctx.chat.type, locale: ctx.from.language_code, userName: invocation?.userName, botName: me.username };
    // A wizard waiting for a typed answer takes the next plain message in its chat.
    if (!typed.startsWith('/') && (await wizards.type(user, typed, ctx.message.message_id))) return;
    if (!invocation) return;
    if (invocation.text.toLowerCase() === 'cancel' && (await wizards.cancel(user))) return;
    const dialog = wizards.dialogFor(invocation.text);
    if (dialog) return wizards.start(user, dialog);
    await send(invocation.chatId, await dispatch(invocation));
    // An invite may have just made this user an admin: their menu grows the admin commands.
    if (options.menu && invocation.text.startsWith('join ')) await registerAdminCommands(bot.telegram, options.menu, i18n, sql, invocation.userId);
  });

  bot.on('callback_query', async (ctx) => {
    // Answered at once, so the button stops spinning whatever the command does next.
    await ctx.answerCbQuery();
    const query = ctx.callbackQuery;
    const data = 'data' in query ? query.data : '';
    const chat = query.message?.chat ?? { id: query.from.id, type: 'private' };
    const user: WizardUser = { userId: String(query.from.id), chatId: String(chat.id), chatType: chat.type, locale: query.from.language_code, botName: me.username };
    if (await wizards.press(user, data, query.message?.message_id ?? 0)) return;
    const command = await commandFor(sql, data);
    if (!command) return;
    const dialog = wizards.dialogFor(command);
    if (dialog) return wizards.start(user, dialog);
    const reply = await dispatch({ platform: 'telegram', userId: user.userId, chatId: user.chatId, text: command, locale: user.locale, fromButton: true, botName: me.username });
    await send(user.chatId, reply);
  });

  bot.catch((error, ctx) => log.error({ err: error, updateId: ctx.update.update_id }, 'Telegram handler failed'));

  if (options.webhook) {
    // The address is registered as given (Telegram itself insists on https); the secret is
    // checked on every delivery and a wrong or missing one gets 403.
    const path = new URL(options.webhook.url).pathname;
    await bot.telegram.setWebhook(options.webhook.url, { secret_token: options.webhook.secret });
    const handler = bot.webhookCallback(path, { secretToken: options.webhook.secret });
    options.webhook.http.mount(path, (req, res) => void handler(req, res));
  } else {
    // Resolves only when polling stops; failures are logged, not thrown into start-up.
    bot.launch({ dropPendingUpdates: false }).catch((error: unknown) => log.error({ err: error }, 'Telegram polling stopped'));
  }
  log.info({ bot: me.username, mode: options.webhook ? 'webhook' : 'polling' }, 'Telegram adapter started');

  const notifier: Notifier = {
    async post(chat, reply) {
      return String((await send(chat.chatId, reply)) ?? '');
    },
    async edit(chat, messageId, reply) {
      const [message] = renderReply(reply).messages;
      if (!message) return;
      await pacer.send(chat.chatId, () => bot.telegram.editMessageText(chat.chatId, Number(messageId), undefined, message.html, { parse_mode: 'HTML' })).catch((error: unknown) => {
        // Progress that did not move since the last edit is not an error.
        if (!String(error).includes('message is not modified')) throw error;
      });
    },
  };
  return {
    notifier,
    stop: async () => {
      if (!options.webhook) bot.stop('shutting down');
    },
  };
}
