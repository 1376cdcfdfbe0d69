import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';

test('with nothing set, the embedded defaults apply', () => {
  const config = loadConfig({});
  assert.equal(config.PORT, 3000);
  assert.equal(config.CHARTS, 'local');
  assert.deepEqual(config.ADMINS, []);
});

test('ADMINS names Slack and Telegram users; anything else is refused with the variable named', () => {
  assert.deepEqual(loadConfig({ ADMINS: 'slack:T0123:U0456, telegram:42' }).ADMINS, [
    'slack:T0123:U0456',
    'telegram:42',
  ]);
  assert.throws(
    () => loadConfig({ ADMINS: 'bob' }),
    (error: unknown) => error instanceof ConfigError && /ADMINS/.test(error.message),
  );
});

test('half a RapidPro connection, or a webhook without its secret, is a mistake', () => {
  assert.throws(() => loadConfig({ RAPIDPRO_URL: 'https://rapidpro.example.org' }), /RAPIDPRO_TOKEN/);
  assert.throws(
    () => loadConfig({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/t' }),
    /TELEGRAM_WEBHOOK_SECRET/,
  );
});
