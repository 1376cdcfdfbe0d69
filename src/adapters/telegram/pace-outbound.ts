// One outbound pace per bot, as Telegram asks: about 30 messages a second in all, one a second in
// a private chat, twenty a minute in a group. The budgets are sliding windows (no more than N sends
// in any stretch of the interval, which is how Telegram counts), not fixed ones that would let
// two sends through a few milliseconds apart across a window's edge. A chat's sends go out one
// after another in the order they were asked for. A 429 waits the `retry_after` Telegram asks for
// and tries again (a few times at most); a user who never started the bot or blocked it is
// reported as unreachable instead of failing the whole send.
import PQueue from 'p-queue';
import pRetry from 'p-retry';
import pTimeout from 'p-timeout';
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

/**
 * At most `cap` slots in any `intervalMs`. `take(count)` reserves `count` slots and waits for the
 * first: the send goes then, and the rest of its slots hold back the sends after it. `done()`, once
 * Telegram has answered, moves the slots to that moment: the request reached Telegram at some
 * point before its answer, so counting from the answer never lets two arrive closer than allowed,
 * however long each one took on the way.
 */
function createWindow(cap: number, intervalMs: number, now: () => number = Date.now) {
  // When each slot handed out was (or will be) used, oldest first.
  let slots: { at: number }[] = [];
  return {
    async take(count = 1): Promise<{ done(): void }> {
      slots = slots.filter((slot) => slot.at > now() - intervalMs);
      const taken: { at: number }[] = [];
      for (let i = 0; i < count; i++) {
        const earliest = slots.length >= cap ? slots[slots.length - cap]!.at + intervalMs : now();
        const slot = { at: Math.max(earliest, slots.at(-1)?.at ?? -Infinity, now()) };
        slots.push(slot);
        taken.push(slot);
      }
      const wait = taken[0]!.at - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return {
        done() {
          for (const slot of taken) slot.at = Math.max(slot.at, now());
          slots.sort((a, b) => a.at - b.at);
        },
      };
    },
  };
}

/**
 * A Bot API call that has not answered in this long is given up: a chat's sends go one at a time,
 * so one call that never returns would hold up everything after it in that chat. Generous, for a
 * photo or file upload on a slow link; a call given up is not retried (Telegram may have done it).
 */
const CALL_TIME_LIMIT_MS = 30_000;

export function createPacer(
  options: { perSecond?: number; privatePerSecond?: number; groupPerMinute?: number; callTimeLimitMs?: number } = {},
): Pacer {
  const overall = createWindow(options.perSecond ?? 30, 1000);
  const chats = new Map<string, { queue: PQueue; window: ReturnType<typeof createWindow> }>();
  const chatOf = (chatId: string) => {
    let chat = chats.get(chatId);
    if (!chat) {
      // Negative ids are groups and channels.
      const group = chatId.startsWith('-');
      chat = {
        queue: new PQueue({ concurrency: 1 }),
        window: group
          ? createWindow(options.groupPerMinute ?? 20, 60_000)
          : createWindow(options.privatePerSecond ?? 1, 1000),
      };
      chats.set(chatId, chat);
    }
    return chat;
  };
  return {
    send(chatId, call, weight = 1) {
      const chat = chatOf(chatId);
      const attempt = async () => {
        const slots = [await chat.window.take(weight), await overall.take(weight)];
        try {
          return await pTimeout(call(), { milliseconds: options.callTimeLimitMs ?? CALL_TIME_LIMIT_MS });
        } finally {
          for (const slot of slots) slot.done();
        }
      };
      return chat.queue.add(() =>
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
    },
  };
}
