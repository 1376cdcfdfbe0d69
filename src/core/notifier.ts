// The port through which background work talks to chat: post a message, then edit it as work
// progresses (fetch-runs' progress line, later digests). Each adapter provides one.
import type { Platform } from '../db/schema/chat.ts';
import type { Reply } from './reply.ts';

export interface ChatRef {
  platform: Platform;
  chatId: string;
  /** Who a private reply is for: in a shared chat, the adapter delivers it to them alone. */
  userId?: string;
}

export interface Notifier {
  /** Posts a message and returns the platform's id for it. */
  post(chat: ChatRef, reply: Reply): Promise<string>;
  /** Replaces a posted message (platforms that cannot edit post a new one). */
  edit(chat: ChatRef, messageId: string, reply: Reply): Promise<void>;
}

/** One notifier per platform, chosen by the chat a message goes to. */
export function routeNotifications(byPlatform: Partial<Record<Platform, Notifier>>): Notifier {
  const pick = (chat: ChatRef) => {
    const notifier = byPlatform[chat.platform];
    if (!notifier) throw new Error(`no ${chat.platform} adapter is running`);
    return notifier;
  };
  return {
    post: (chat, reply) => pick(chat).post(chat, reply),
    edit: (chat, messageId, reply) => pick(chat).edit(chat, messageId, reply),
  };
}
