// telegraf handles a batch of updates together and asks for the next batch only when every
// handler of this one has finished; a webhook delivery is answered only when its handler has. So
// one chat waiting on Telegram's pace (one message a second) or drawing five charts would hold up
// every other chat. Instead each update is handed to its chat's lane and telegraf moves on at once:
// lanes of different chats run side by side, and one chat's updates run one after another, in the
// order Telegram numbered them.
export interface ChatLanes {
  /** Queues `task` behind the earlier tasks of the same chat; returns at once. */
  run(chat: string, task: () => Promise<void>): void;
  /** How many tasks are queued or running. */
  readonly pending: number;
  /** Resolves when every queued task has run (or after `timeoutMs`). */
  idle(timeoutMs: number): Promise<void>;
}

export function createChatLanes(onError: (error: unknown, chat: string) => void): ChatLanes {
  // The last task of each chat with work to do; a chat with nothing queued has no entry.
  const tails = new Map<string, Promise<void>>();
  let pending = 0;
  const drained: (() => void)[] = [];
  return {
    run(chat, task) {
      pending++;
      const next = (tails.get(chat) ?? Promise.resolve())
        .then(task)
        .catch((error: unknown) => onError(error, chat))
        .finally(() => {
          if (tails.get(chat) === next) tails.delete(chat);
          if (--pending === 0) drained.splice(0).forEach((resolve) => resolve());
        });
      tails.set(chat, next);
    },
    get pending() {
      return pending;
    },
    idle(timeoutMs) {
      if (pending === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        drained.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
