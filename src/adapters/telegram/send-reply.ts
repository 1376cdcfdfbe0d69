// Sends a rendered Reply into a chat: the HTML messages (each with the buttons under it), then the
// pictures (two to ten at a time as one album) and files, each at the bot's pace. Returns the first
// message's id, for edits.
import type { Telegram } from 'telegraf';
import { isConfirmation, type Button, type Reply } from '../../core/reply.ts';
import type { Sql } from '../../db/client.ts';
import { codeFor } from './button-codes.ts';
import type { Pacer } from './pace-outbound.ts';
import { renderReply, type TelegramFile } from './render-reply.ts';

/** Telegram's album holds 2–10 photos. */
const ALBUM_MAX = 10;

export async function sendReply(
  telegram: Telegram,
  pacer: Pacer,
  sql: Sql,
  chatId: string,
  reply: Reply,
): Promise<number | undefined> {
  const { messages, files } = renderReply(reply);
  const keyboard = async (rows: Button[][]) => {
    if (rows.length === 0) return {};
    const inline_keyboard = await Promise.all(
      rows.map((row) =>
        Promise.all(
          row.map(async (b) => ({ text: b.label, callback_data: await codeFor(sql, b.command, isConfirmation(row)) })),
        ),
      ),
    );
    return { reply_markup: { inline_keyboard } };
  };
  let first: number | undefined;
  for (const message of messages) {
    const markup = await keyboard(message.buttons);
    const sent = await pacer.send(chatId, () =>
      telegram.sendMessage(chatId, message.html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...markup,
      }),
    );
    first ??= sent.message_id;
  }
  for (const group of albums(files)) {
    if (group.length > 1) {
      // An album is one send for the chat's pace, but Telegram counts each picture in it.
      const media = group.map((file) => ({
        type: 'photo' as const,
        media: { source: file.data, filename: file.filename },
        caption: file.caption,
        parse_mode: 'HTML' as const,
      }));
      const sent = await pacer.send(chatId, () => telegram.sendMediaGroup(chatId, media), group.length);
      first ??= sent[0]?.message_id;
      continue;
    }
    const file = group[0]!;
    const input = { source: file.data, filename: file.filename };
    const options = {
      ...(file.caption ? { caption: file.caption, parse_mode: 'HTML' as const } : {}),
      ...(await keyboard(file.buttons)),
    };
    const sent = await pacer.send<{ message_id: number }>(chatId, () =>
      file.kind === 'photo'
        ? telegram.sendPhoto(chatId, input, options)
        : telegram.sendDocument(chatId, input, options),
    );
    first ??= sent.message_id;
  }
  return first;
}

/** Runs of photos without buttons become albums of up to ten; anything else goes alone. */
function albums(files: TelegramFile[]): TelegramFile[][] {
  const groups: TelegramFile[][] = [];
  for (const file of files) {
    const last = groups.at(-1);
    const joins =
      file.kind === 'photo' &&
      file.buttons.length === 0 &&
      last &&
      last[0]!.kind === 'photo' &&
      last[0]!.buttons.length === 0 &&
      last.length < ALBUM_MAX;
    if (joins) last.push(file);
    else groups.push([file]);
  }
  return groups;
}
