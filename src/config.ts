// The only reader of process.env. Every setting is validated once, at start-up; a wrong value
// stops the bot with a message that names the variable and says what it expects.
import { z } from 'zod';
import { isRapidProScope, parseRate, RAPIDPRO_SCOPES } from './rapidpro/create-pacer.ts';

const optionalUrl = z.url().optional();
const optionalSecret = z.string().min(1).optional();

const schema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection URL')
      .optional(),
    MONGODB_URL: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// connection URL')
      .optional(),
    RAPIDPRO_URL: optionalUrl,
    RAPIDPRO_TOKEN: optionalSecret,
    SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-').optional(),
    SLACK_SIGNING_SECRET: optionalSecret,
    SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-').optional(),
    SLACK_API_URL: optionalUrl,
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d+:[\w-]+$/, 'expected a bot token like 123456:ABC-DEF')
      .optional(),
    TELEGRAM_API_ROOT: optionalUrl,
    TELEGRAM_WEBHOOK_URL: optionalUrl,
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'expected 1-256 characters of A-Z, a-z, 0-9, _ or -')
      .optional(),
    CHARTS: z.enum(['local', 'quickchart']).default('local'),
    QUICKCHART_URL: z.url().default('https://quickchart.io'),
    SECRET_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hexadecimal characters (a 256-bit key)')
      .optional(),
    /** `yes`: the key the stored tokens were sealed with is lost for good; they may be stored again under SECRET_KEY. */
    SECRET_KEY_LOST: z
      .enum(['yes', 'no'])
      .default('no')
      .transform((value) => value === 'yes'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    /**
     * The RapidPro server's API rates per throttle scope, where they differ from RapidPro's
     * defaults (3600/hour for v2, v2.contacts, v2.messages and v2.runs): what its operator set
     * in DEFAULT_THROTTLE_RATES or the workspace's api_rates, e.g. `v2.runs=10000/hour,v2=7200/hour`.
     */
    RAPIDPRO_API_RATES: z
      .string()
      .transform((text, ctx) => {
        const rates: Record<string, string> = {};
        for (const item of text
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)) {
          const [scope, rate = ''] = item.split('=').map((part) => part.trim());
          if (!scope || !isRapidProScope(scope) || !parseRate(rate) || parseRate(rate)!.requests < 1) {
            ctx.addIssue({
              code: 'custom',
              message: `expected scope=rate pairs like v2=3600/hour,v2.runs=10000/hour (scopes ${RAPIDPRO_SCOPES.join(', ')}); got “${item}”`,
            });
            return z.NEVER;
          }
          rates[scope] = rate;
        }
        return rates;
      })
      .default({}),
    /** The first admins on Slack or Telegram: `slack:<team>:<user>,telegram:<id>`. */
    ADMINS: z
      .string()
      .transform((text) =>
        text
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^(slack:[A-Z0-9]+:[A-Z0-9]+|telegram:\d+)$/,
              'expected slack:<team id>:<user id> or telegram:<user id>',
            ),
        ),
      )
      .default([]),
  })
  .superRefine((env, ctx) => {
    // A RapidPro URL without its token (or the reverse) can only be a mistake.
    if (Boolean(env.RAPIDPRO_URL) !== Boolean(env.RAPIDPRO_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.RAPIDPRO_URL ? 'RAPIDPRO_TOKEN' : 'RAPIDPRO_URL'],
        message: 'RAPIDPRO_URL and RAPIDPRO_TOKEN are set together',
      });
    }
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'required when TELEGRAM_WEBHOOK_URL is set',
      });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) is required with SLACK_BOT_TOKEN',
      });
    }
  });

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Reads and validates the environment; empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
