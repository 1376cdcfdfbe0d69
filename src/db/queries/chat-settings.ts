// A chat's own choices (src/db/schema/chat.ts, chatSettings): read where replies are made,
// written by the commands that change them.
import { and, eq } from 'drizzle-orm';
import type { ChatRef } from '../../core/notifier.ts';
import type { Db } from '../client.ts';
import { chatSettings } from '../schema/index.ts';

/** Whether the chat takes charts and digests as text (`pictures off`); a chat never set takes pictures. */
export async function isTextOnly(db: Db, chat: ChatRef): Promise<boolean> {
  const [row] = await db
    .select({ textOnly: chatSettings.textOnly })
    .from(chatSettings)
    .where(and(eq(chatSettings.platform, chat.platform), eq(chatSettings.chatId, chat.chatId)));
  return row?.textOnly ?? false;
}

export async function setTextOnly(db: Db, chat: ChatRef, textOnly: boolean): Promise<void> {
  await db
    .insert(chatSettings)
    .values({ ...chat, textOnly })
    .onConflictDoUpdate({
      target: [chatSettings.platform, chatSettings.chatId],
      set: { textOnly, updatedAt: new Date() },
    });
}
