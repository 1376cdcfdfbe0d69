// Dialogs in progress (Telegram wizards), one per user and chat, kept in PostgreSQL so any process
// can continue one and a restart loses none.
import type { Sql } from '../client.ts';
import type { Platform } from '../schema/chat.ts';

export interface DialogKey {
  platform: Platform;
  chatId: string;
  userId: string;
}

export interface StoredDialog<T> {
  kind: string;
  step: string;
  data: T;
  messageId: string | null;
}

export async function loadDialog<T>(sql: Sql, key: DialogKey): Promise<StoredDialog<T> | null> {
  const [row] = await sql<StoredDialog<T>[]>`
    select kind, step, data, message_id as "messageId" from chat_dialogs
    where platform = ${key.platform} and chat_id = ${key.chatId} and user_id = ${key.userId}`;
  return row ?? null;
}

/** Starts or replaces the user's dialog in the chat. */
export async function saveDialog<T>(sql: Sql, key: DialogKey, dialog: StoredDialog<T>): Promise<void> {
  await sql`
    insert into chat_dialogs (platform, chat_id, user_id, kind, step, data, message_id, updated_at)
    values (${key.platform}, ${key.chatId}, ${key.userId}, ${dialog.kind}, ${dialog.step}, ${JSON.stringify(dialog.data)}::jsonb, ${dialog.messageId}, now())
    on conflict (platform, chat_id, user_id) do update
    set kind = excluded.kind, step = excluded.step, data = excluded.data, message_id = excluded.message_id, updated_at = now()`;
}

/**
 * Changes the user's dialog under a row lock, so two presses at once do not undo each other.
 * `change` gives the dialog's next version (null ends it, undefined leaves it as it is) and a
 * result, which is returned.
 */
export async function changeDialog<T, R>(
  sql: Sql,
  key: DialogKey,
  change: (current: StoredDialog<T> | null) => [next: StoredDialog<T> | null | undefined, result: R],
): Promise<R> {
  let result!: R;
  await sql.begin(async (tx) => {
    const [current] = await tx<StoredDialog<T>[]>`
      select kind, step, data, message_id as "messageId" from chat_dialogs
      where platform = ${key.platform} and chat_id = ${key.chatId} and user_id = ${key.userId} for update`;
    const [next, value] = change(current ?? null);
    if (next) await saveDialog(tx as unknown as Sql, key, next);
    else if (next === null && current) await endDialog(tx as unknown as Sql, key);
    result = value;
  });
  return result;
}

export async function endDialog(sql: Sql, key: DialogKey): Promise<void> {
  await sql`delete from chat_dialogs where platform = ${key.platform} and chat_id = ${key.chatId} and user_id = ${key.userId}`;
}
