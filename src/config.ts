// The only reader of process.env. Every setting is validated once, at start-up; a wrong value
// stops the bot with a message that names the variable and says what it expects.
import { z } from 'zod';

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
     * RapidPro requests an hour per throttle scope (runs, contacts, messages, the rest), all
     * processes together; an org's settings may say otherwise. RapidPro's own default.
     */
    RAPIDPRO_REQUESTS_PER_HOUR: z.coerce.number().int().min(60).max(1_000_000).default(2500),
    /** The same for RapidPro's broadcasts scope (messages to contacts), which it allows far more of. */
    RAPIDPRO_BROADCASTS_PER_HOUR: z.coerce.number().int().min(60).max(1_000_000).default(36_000),
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
