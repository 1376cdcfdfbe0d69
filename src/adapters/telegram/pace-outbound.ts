// One outbound queue per bot, at Telegram's pace: about 30 messages a second in all, one a second
// in a private chat, twenty a minute in a group. A 429 waits the `retry_after` Telegram asks for
// and tries again (a few times at most); a user who never started the bot or blocked it is
// reported as unreachable instead of failing the whole send.
import PQueue from 'p-queue';
import pRetry from 'p-retry';
import { TelegramError } from 'telegraf';

const MAX_RETRIES = 4;

export class UnreachableError extends Error {
  constructor(readonly chatId: string) {
    super(`Telegram chat ${chatId} is unreachable (the user never started the bot or blocked it)`);
    this.name = 'UnreachableError';
  }
}

export interface Pacer {
  /**
   * Runs one API call for a chat when the pace allows, waiting out 429s. `weight` is how many
   * messages Telegram counts for it (each picture of an album): the chat's next sends wait for them.
   */
  send<T>(chatId: string, call: () => Promise<T>, weight?: number): Promise<T>;
}

export function createPacer(options: { perSecond?: number; privatePerSecond?: number; groupPerMinute?: number } = {}): Pacer {
  const overall = new PQueue({ intervalCap: options.perSecond ?? 30, interval: 1000 });
  const chats = new Map<string, PQueue>();
  const chatQueue = (chatId: string) => {
    let queue = chats.get(chatId);
    if (!queue) {
      // Negative ids are groups and channels.
      const group = chatId.startsWith('-');
      queue = group
        ? new PQueue({ concurrency: 1, intervalCap: options.groupPerMinute ?? 20, interval: 60_000 })
        : new PQueue({ concurrency: 1, intervalCap: options.privatePerSecond ?? 1, interval: 1000 });
      chats.set(chatId, queue);
    }
    return queue;
  };
  return {
    send(chatId, call, weight = 1) {
      const attempt = () => overall.add(call);
      const queue = chatQueue(chatId);
      const sent = queue.add(
        () =>
          pRetry(attempt, {
            retries: MAX_RETRIES,
            minTimeout: 0,
            maxTimeout: 0,
            shouldRetry: ({ error }) => error instanceof TelegramError && error.code === 429,
            onFailedAttempt: async ({ error }) => {
              if (error instanceof TelegramError && error.code === 403) throw new UnreachableError(chatId);
              const wait = error instanceof TelegramError ? (error.parameters?.retry_after ?? 1) : 0;
              if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait * 1000));
            },
          }),
      );
      // Placeholders behind the call take the rest of its slots in both budgets.
      for (let i = 1; i < weight; i++) void queue.add(() => overall.add(async () => {}));
      return sent;
    },
  };
}
