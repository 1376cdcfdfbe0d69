// Abuse limits per chat user: how many commands a minute, and how many sends (messages to
// contacts cost money) an hour. Counted in this process: with several processes a user may get
// a little more, never unlimited.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Invocation } from './invocation.ts';
import { UserError } from './user-error.ts';

/** The same person on the same platform, whichever chat they write from. */
export const userKey = (invocation: Invocation) => `${invocation.platform}:${invocation.userId}`;

export interface RateLimits {
  /** Throws a translated UserError when the user sent too many commands. */
  command(userKey: string): Promise<void>;
  /** Throws a translated UserError when the user confirmed too many sends. */
  send(userKey: string): Promise<void>;
}

export function createRateLimits(options: { commandsPerMinute?: number; sendsPerHour?: number } = {}): RateLimits {
  const commands = new RateLimiterMemory({ points: options.commandsPerMinute ?? 30, duration: 60 });
  const sends = new RateLimiterMemory({ points: options.sendsPerHour ?? 20, duration: 3600 });
  const consume = async (limiter: RateLimiterMemory, key: string, error: string) => {
    try {
      await limiter.consume(key);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      throw new UserError(error, { seconds: Math.ceil(refusal.msBeforeNext / 1000) });
    }
  };
  return {
    command: (key) => consume(commands, key, 'errors.tooManyCommands'),
    send: (key) => consume(sends, key, 'errors.tooManySends'),
  };
}
