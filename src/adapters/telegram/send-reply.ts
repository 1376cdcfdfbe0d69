// Sends a rendered Reply into a chat: the HTML messages (buttons under the last one), then any
// picture or file, each at the bot's pace. Returns the first message's id, for edits.
import type { Telegram } from 'telegraf';
import type { Reply } from '../../core/reply.ts';
import type { Sql } from '../../db/client.ts';
import { codeFor } from './button-codes.ts';
import type { Pacer } from './pace-outbound.ts';
import { renderReply } from './render-reply.ts';

export async function sendReply(telegram: Telegram, pacer: Pacer, sql: Sql, chatId: string, reply: Reply): Promise<number | undefined> {
  const { messages, buttons, files } = renderReply(reply);
  const keyboard = await Promise.all(
    buttons.map((row) => Promise.all(row.map(async (b) => ({ text: b.label, callback_data: await codeFor(sql, b.command) })))),
  );
  let first: number | undefined;
  for (const [index, message] of messages.entries()) {
    const last = index === messages.length - 1;
    const sent = await pacer.send(chatId, () =>
      telegram.sendMessage(chatId, message.html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(last && keyboard.length > 0 ? { reply_markup: { inline_keyboard: keyboard } } : {}),
      }),
    );
    first ??= sent.message_id;
  }
  for (const file of files) {
    const input = { source: file.data, filename: file.filename };
    const options = file.caption ? { caption: file.caption } : {};
    const sent = await pacer.send<{ message_id: number }>(chatId, () =>
      file.kind === 'photo' ? telegram.sendPhoto(chatId, input, options) : telegram.sendDocument(chatId, input, options),
    );
    first ??= sent.message_id;
  }
  return first;
}
