// Abuse limits per chat user: how many commands a minute, and how many sends (messages to
// contacts cost money) an hour. Counted in PostgreSQL (rate-limiter-flexible's Drizzle store, one
// atomic upsert a check), so every process of a deployment counts against the same limit.
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../db/client.ts';
import { rateLimits } from '../db/schema/index.ts';
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

export function createRateLimits(
  db: Db,
  options: {
    commandsPerMinute?: number;
    sendsPerHour?: number;
    /**
     * Platforms whose commands are not counted: the console is the operator at the bot's own
     * machine, who may feed it a script of any length. Sends are counted everywhere.
     */
    uncountedPlatforms?: string[];
  } = {},
): RateLimits {
  const uncounted = (key: string) => (options.uncountedPlatforms ?? []).some((p) => key.startsWith(`${p}:`));
  // Expired rows are deleted by the forget-rate-limits job, with the bot's logging.
  const store = { storeClient: db, schema: rateLimits, clearExpiredByTimeout: false };
  const commands = new RateLimiterDrizzle({
    ...store,
    keyPrefix: 'commands',
    points: options.commandsPerMinute ?? 30,
    duration: 60,
  });
  const sends = new RateLimiterDrizzle({
    ...store,
    keyPrefix: 'sends',
    points: options.sendsPerHour ?? 20,
    duration: 3600,
  });
  const consume = async (
    limiter: RateLimiterDrizzle,
    key: string,
    error: 'errors.tooManyCommands' | 'errors.tooManySends',
  ) => {
    try {
      await limiter.consume(key);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      throw new UserError(error, { wait: refusal.msBeforeNext / 1000 });
    }
  };
  return {
    command: async (key) => {
      if (!uncounted(key)) await consume(commands, key, 'errors.tooManyCommands');
    },
    send: (key) => consume(sends, key, 'errors.tooManySends'),
  };
}
