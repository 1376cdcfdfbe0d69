import { pino, type Logger } from 'pino';

/** Paths pino blanks out wherever they appear in a log line: tokens and secrets never reach logs. */
const redact = [
  'token',
  '*.token',
  'apiToken',
  '*.apiToken',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'config.RAPIDPRO_TOKEN',
  'config.SLACK_BOT_TOKEN',
  'config.SLACK_SIGNING_SECRET',
  'config.SLACK_APP_TOKEN',
  'config.TELEGRAM_BOT_TOKEN',
  'config.TELEGRAM_WEBHOOK_SECRET',
  'config.SECRET_KEY',
  'config.DATABASE_URL',
  'config.MONGODB_URL',
];

/** JSON logs on standard error, so standard output stays for the console's replies. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redact, censor: '[redacted]' } }, pino.destination(2));
}
