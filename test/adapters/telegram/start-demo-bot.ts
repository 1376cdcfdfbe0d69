// The Telegram adapter as the tests run it: the demo org's dispatch and dialogs, the real telegraf
// bot against the fake Bot API, with every command (and its menu). Tests override what they vary.
import { pino } from 'pino';
import { commands } from '../../../commands/index.ts';
import { startTelegram, type TelegramOptions } from '../../../src/adapters/telegram/start-telegram.ts';
import { createI18n } from '../../../src/core/i18n.ts';
import type { FakeTelegram } from '../../fakes/telegram-api.ts';
import type { DemoOrg } from '../../helpers/demo-org.ts';

export async function startDemoBot(demo: DemoOrg, fake: FakeTelegram, options: Partial<TelegramOptions> = {}) {
  return startTelegram({
    token: fake.token,
    apiRoot: fake.url,
    dispatch: demo.dispatch,
    dialogs: demo.dialogs,
    i18n: await createI18n(),
    sql: demo.sql,
    log: pino({ level: 'silent' }),
    commands,
    ...options,
  });
}
