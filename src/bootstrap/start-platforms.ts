// Slack and Telegram, each started when configured. Their libraries load only then: the console
// starts without them. Each one's notifier joins the routes background work reaches chat by.
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Command } from '../core/command.ts';
import type { Dialogs } from '../core/create-dialogs.ts';
import type { Dispatch } from '../core/dispatch.ts';
import type { I18n } from '../core/i18n.ts';
import type { Notifier } from '../core/notifier.ts';
import type { Sql } from '../db/client.ts';
import type { Platform } from '../db/schema/chat.ts';
import type { HttpServer } from '../http/start-http-server.ts';

export interface PlatformsOptions {
  config: Config;
  /** The shared HTTP server the webhooks mount on (absent on the console). */
  http: HttpServer | undefined;
  commands: readonly Command[];
  dispatch: Dispatch;
  dialogs: Dialogs;
  i18n: I18n;
  sql: Sql;
  log: Logger;
  notifiers: Partial<Record<Platform, Notifier>>;
  onShutdown: (name: string, run: (budgetMs: number) => Promise<unknown>) => void;
}

export async function startPlatforms(options: PlatformsOptions): Promise<void> {
  const { config, http, dispatch, dialogs, i18n, sql, log, notifiers, onShutdown } = options;
  if (config.SLACK_BOT_TOKEN) {
    const { startSlack } = await import('../adapters/slack/start-slack.ts');
    const slack = await startSlack({
      botToken: config.SLACK_BOT_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
      http,
      dispatch,
      dialogs,
      sql,
      log,
      i18n,
    });
    notifiers.slack = slack.notifier;
    onShutdown('slack', slack.stop);
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    const { startTelegram } = await import('../adapters/telegram/start-telegram.ts');
    const telegram = await startTelegram({
      token: config.TELEGRAM_BOT_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      webhook: config.TELEGRAM_WEBHOOK_URL
        ? { url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET!, http: http! }
        : undefined,
      commands: options.commands,
      dispatch,
      dialogs,
      i18n,
      sql,
      log,
    });
    notifiers.telegram = telegram.notifier;
    onShutdown('telegram', telegram.stop);
  }
}
