import type { Platform } from '../db/schema/chat.ts';

/** One command as a chat platform delivered it: typed, or a button that was pressed. */
export interface Invocation {
  platform: Platform;
  /** The platform's user id (Slack: `<team>:<user>`; Telegram: the numeric id). */
  userId: string;
  userName?: string;
  /** Where the answer goes (channel, chat, DM). */
  chatId: string;
  /** The command line, without the platform's prefix (`/tracpro`, `/`, `@TracBot`). */
  text: string;
  /** The language the platform reports for the user, used until they choose one. */
  locale?: string;
  /** Set when a button press produced this invocation. */
  fromButton?: boolean;
  /** The bot's own username where links to it are made from it (Telegram's t.me/<bot>). */
  botName?: string;
}

/** Where to report later on what an invocation started (`<platform>:<chat id>`, as notifiers read it). */
export const replyAddress = (invocation: Invocation): string => `${invocation.platform}:${invocation.chatId}`;
