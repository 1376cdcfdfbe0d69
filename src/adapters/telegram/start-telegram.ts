// The Telegram bot: long polling by default, a webhook (with its secret checked on every
// delivery) when TELEGRAM_WEBHOOK_URL is set. Commands and button presses become Invocations;
// no command logic lives here. A handler error is logged and never stops the bot.
import { Telegraf } from 'telegraf';
import type { Logger } from 'pino';
import type { Command } from '../../core/command.ts';
import type { Dispatch } from '../../core/dispatch.ts';
import type { I18n } from '../../core/i18n.ts';
import type { Notifier } from '../../core/notifier.ts';
import type { Sql } from '../../db/client.ts';
import { claimDelivery } from '../../db/queries/claim-delivery.ts';
import type { HttpServer } from '../../http/start-http-server.ts';
import { commandFor } from './button-codes.ts';
import { createPacer } from './pace-outbound.ts';
import { registerCommands } from './register-commands.ts';
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
  sql: Sql;
  log: Logger;
  /** Telegram's pace (tests slow it down or speed it up). */
  pace?: Parameters<typeof createPacer>[0];
  /** For the command menu: the registry and the languages it is described in. */
  menu?: { commands: readonly Command[]; i18n: I18n };
}

export interface TelegramAdapter {
  notifier: Notifier;
  stop(): Promise<void>;
}

export async function startTelegram(options: TelegramOptions): Promise<TelegramAdapter> {
  const { dispatch, sql, log } = options;
  // webhookReply: false — answers go out as API calls, never in the webhook's response body.
  const bot = new Telegraf(options.token, { telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) } });
  const me = await bot.telegram.getMe();
  const pacer = createPacer(options.pace);
  if (options.menu) await registerCommands(bot.telegram, options.menu.commands, options.menu.i18n);

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
    if (!invocation) return;
    await sendReply(ctx.telegram, pacer, sql, invocation.chatId, await dispatch(invocation));
  });

  bot.on('callback_query', async (ctx) => {
    // Answered at once, so the button stops spinning whatever the command does next.
    await ctx.answerCbQuery();
    const query = ctx.callbackQuery;
    const command = 'data' in query ? await commandFor(sql, query.data) : null;
    const chatId = query.message?.chat.id ?? query.from.id;
    if (!command) return;
    const reply = await dispatch({
      platform: 'telegram',
      userId: String(query.from.id),
      chatId: String(chatId),
      text: command,
      locale: query.from.language_code,
      fromButton: true,
      botName: me.username,
    });
    await sendReply(ctx.telegram, pacer, sql, String(chatId), reply);
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
      return String((await sendReply(bot.telegram, pacer, sql, chat.chatId, reply)) ?? '');
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
