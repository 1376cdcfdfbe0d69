// The Telegram bot: long polling by default, a webhook (with its secret checked on every
// delivery) when TELEGRAM_WEBHOOK_URL is set. Commands and button presses become Invocations;
// no command logic lives here. A handler error is logged and never stops the bot. Updates are
// handled in per-chat lanes (chat-lanes.ts), so no chat waits on another.
import { Telegraf } from 'telegraf';
import type { Logger } from 'pino';
import type { Command } from '../../core/command.ts';
import type { Dialogs } from '../../core/create-dialogs.ts';
import type { Dispatch } from '../../core/dispatch.ts';
import { paragraph, type Reply } from '../../core/reply.ts';
import type { I18n } from '../../core/i18n.ts';
import type { Invocation } from '../../core/invocation.ts';
import type { Notifier } from '../../core/notifier.ts';
import type { Sql } from '../../db/client.ts';
import { claimDelivery } from '../../db/queries/claim-delivery.ts';
import type { HttpServer } from '../../http/start-http-server.ts';
import { commandFor, settlesMessage } from './button-codes.ts';
import { createPacer, UnreachableError } from './pace-outbound.ts';
import { createChatLanes } from './chat-lanes.ts';
import { createPersonalMenus, registerCommands } from './register-commands.ts';
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
  /** The registry: the names typed after `/`, and the command menus. */
  commands: readonly Command[];
}

export interface TelegramAdapter {
  notifier: Notifier;
  stop(): Promise<void>;
}

export async function startTelegram(options: TelegramOptions): Promise<TelegramAdapter> {
  const { dispatch, i18n, sql, log } = options;
  // webhookReply: false — answers go out as API calls, never in the webhook's response body.
  const bot = new Telegraf(options.token, {
    telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
  });
  const me = await bot.telegram.getMe();
  const pacer = createPacer(options.pace);
  await registerCommands(bot.telegram, options.commands, i18n);
  const menus = createPersonalMenus({ telegram: bot.telegram, commands: options.commands, i18n, sql, log });
  const send = (chatId: string, reply: Reply) => sendReply(bot.telegram, pacer, sql, chatId, reply);
  const wizards = createWizards({
    telegram: bot.telegram,
    pacer,
    sql,
    dialogs: options.dialogs,
    i18n,
    log,
    sendReply: send,
  });
  const lanes = createChatLanes((error, chat) => log.error({ err: error, chat }, 'Telegram handler failed'));

  /** Runs a command and sends its answer, showing "sending a photo…" while a slow one works. */
  async function answer(invocation: Invocation, chatType: string) {
    const action = chatActions[invocation.text.trim().split(/\s/, 1)[0]!.toLowerCase()];
    const showing = action ? keepShowing(invocation.chatId, action) : null;
    try {
      const reply = await dispatch(invocation);
      showing?.stop();
      if (chatType !== 'private' && reply.private && !reply.isError) await answerPrivately(invocation, reply);
      else await send(invocation.chatId, reply);
    } finally {
      showing?.stop();
    }
  }

  /**
   * A group has no replies for one member's eyes (Slack's ephemeral messages): what names contacts
   * or is the asker's alone goes to their private chat with the bot, and the group is told where it
   * went. Telegram lets a bot write to someone only after they started it; until then the group is
   * told how, and the answer is not posted there.
   */
  async function answerPrivately(invocation: Invocation, reply: Reply) {
    const delivered = await send(invocation.userId, reply).then(
      () => true,
      (error: unknown) => {
        if (error instanceof UnreachableError) return false;
        throw error;
      },
    );
    const { t, direction } = i18n.forLanguage(invocation.locale);
    const key = delivered ? 'telegram:sentPrivately' : 'telegram:startMeFirst';
    await send(invocation.chatId, { direction, blocks: [paragraph(t(key, { bot: me.username }))] });
  }

  /** A chat action lasts five seconds or until the bot's next message; renewed until stopped. */
  function keepShowing(chatId: string, action: ChatAction) {
    const show = () =>
      void bot.telegram
        .sendChatAction(chatId, action)
        .catch((error: unknown) => log.debug({ err: error }, 'chat action not shown'));
    show();
    const timer = setInterval(show, 4000);
    return { stop: () => clearInterval(timer) };
  }

  bot.use(async (ctx, next) => {
    // Telegram re-sends an update it thinks was lost; the first process to claim its id handles
    // it. Update ids count per bot, so the bot's id is part of the key.
    if (!(await claimDelivery(sql, 'telegram', `${me.id}:${ctx.update.update_id}`))) {
      log.debug({ updateId: ctx.update.update_id }, 'repeated Telegram update dropped');
      return;
    }
    // Answered at once, whatever waits in the chat's lane: the button stops spinning, and the
    // query cannot expire (Telegram allows about 15 s).
    if (ctx.callbackQuery)
      await ctx.answerCbQuery().catch((error: unknown) => log.warn({ err: error }, 'callback query not answered'));
    const chat = ctx.chat?.id ?? ctx.from?.id;
    lanes.run(String(chat ?? 'none'), () => next());
  });

  bot.on('text', async (ctx) => {
    const invocation = fromText(ctx.message, me, options.commands);
    const typed = ctx.message.text;
    const user: WizardUser = {
      userId: String(ctx.from.id),
      chatId: String(ctx.chat.id),
      chatType: ctx.chat.type,
      locale: ctx.from.language_code,
      userName: invocation?.userName,
      botName: me.username,
    };
    // A wizard waiting for a typed answer takes the next plain message in its chat.
    if (!typed.startsWith('/') && (await wizards.type(user, typed, ctx.message.message_id))) return;
    if (!invocation) return;
    if (invocation.text.toLowerCase() === 'cancel' && (await wizards.cancel(user))) return;
    const dialog = wizards.dialogFor(invocation.text);
    if (dialog) return wizards.start(user, dialog);
    await answer(invocation, ctx.chat.type);
    // After the command, which may have linked this person (an invite) or changed their language.
    await menus.sync(user);
  });

  bot.on('callback_query', async (ctx) => {
    const query = ctx.callbackQuery;
    const data = 'data' in query ? query.data : '';
    const chat = query.message?.chat ?? { id: query.from.id, type: 'private' };
    const user: WizardUser = {
      userId: String(query.from.id),
      chatId: String(chat.id),
      chatType: chat.type,
      locale: query.from.language_code,
      botName: me.username,
    };
    if (await wizards.press(user, data, query.message?.message_id ?? 0)) return;
    const command = await commandFor(sql, data);
    if (!command) return;
    const dialog = wizards.dialogFor(command);
    if (dialog) return wizards.start(user, dialog);
    // A confirmation pressed is settled: its buttons go, and the outcome follows below it.
    if (settlesMessage(data) && query.message) {
      const messageId = query.message.message_id;
      await pacer
        .send(user.chatId, () =>
          bot.telegram.editMessageReplyMarkup(chat.id, messageId, undefined, { inline_keyboard: [] }),
        )
        .catch((error: unknown) => log.debug({ err: error }, 'confirmation buttons not removed'));
    }
    await answer(
      {
        platform: 'telegram',
        userId: user.userId,
        chatId: user.chatId,
        text: command,
        locale: user.locale,
        fromButton: true,
        botName: me.username,
      },
      chat.type,
    );
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
    bot
      .launch({ dropPendingUpdates: false })
      .catch((error: unknown) => log.error({ err: error }, 'Telegram polling stopped'));
  }
  log.info({ bot: me.username, mode: options.webhook ? 'webhook' : 'polling' }, 'Telegram adapter started');

  const notifier: Notifier = {
    async post(chat, reply) {
      // A group has no message for one member's eyes: a private reply goes to their private chat.
      const to = reply.private && chat.userId && chat.chatId.startsWith('-') ? chat.userId : chat.chatId;
      return String((await send(to, reply)) ?? '');
    },
    async edit(chat, messageId, reply) {
      const [message] = renderReply(reply).messages;
      if (!message) return;
      await pacer
        .send(chat.chatId, () =>
          bot.telegram.editMessageText(chat.chatId, Number(messageId), undefined, message.html, { parse_mode: 'HTML' }),
        )
        .catch((error: unknown) => {
          // Progress that did not move since the last edit is not an error.
          if (!String(error).includes('message is not modified')) throw error;
        });
    },
  };
  return {
    notifier,
    stop: async () => {
      if (!options.webhook) bot.stop('shutting down');
      // Updates already taken from Telegram are finished, within reason.
      await lanes.idle(10_000);
    },
  };
}

type ChatAction = 'upload_photo' | 'upload_document';

/** Commands that draw pictures or build files, and what Telegram shows while they do. */
const chatActions: Record<string, ChatAction> = {
  chart: 'upload_photo',
  indicators: 'upload_photo',
  export: 'upload_document',
};
