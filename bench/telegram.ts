// bench/telegram: one chat floods the bot with 50 commands at once, then another chat asks
// `whoami` again and again; how long does the other chat wait for its answers? The real telegraf
// bot by long polling, against the fake Bot API of the tests with Telegram's pace enforced (a send
// faster than one a second in a private chat is refused with 429), over the mirror of
// bench/queries at a small size. Times run from pushing the update to its answer being stored.
//   npx tsx bench/telegram.ts          # FLOOD=50 SAMPLES=20 CONTACTS=5000 by default
import { pino } from 'pino';

process.env.CONTACTS ??= '5000';
const FLOOD = Number(process.env.FLOOD ?? 50);
const SAMPLES = Number(process.env.SAMPLES ?? 20);

const { commands } = await import('../commands/index.ts');
const { startTelegram } = await import('../src/adapters/telegram/start-telegram.ts');
const { createDialogs } = await import('../src/core/create-dialogs.ts');
const { createDispatch } = await import('../src/core/dispatch.ts');
const { createI18n } = await import('../src/core/i18n.ts');
const { dialogs: registry } = await import('../src/dialogs/index.ts');
const { startFakeTelegram } = await import('../test/fakes/telegram-api.ts');
const { openBigMirror } = await import('./open-big-mirror.ts');

const flooder = { id: 5550101, first_name: 'Amina', language_code: 'en' };
const other = { id: 5550202, first_name: 'Joseph', language_code: 'en' };
const mirror = await openBigMirror('bench_telegram', {
  platform: 'telegram',
  admin: String(flooder.id),
  supervisor: String(other.id),
});
const { services, sql } = mirror;
const i18n = await createI18n();
const log = pino({ level: 'warn' });
const dispatch = createDispatch({ commands, services, i18n });
const dialogs = createDialogs({ commands, services, i18n, registry, dispatch });
const fake = await startFakeTelegram({ pacing: true });
const bot = await startTelegram({ token: fake.token, apiRoot: fake.url, dispatch, dialogs, i18n, sql, log, commands });

const until = async (done: () => boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  return done();
};

for (let i = 0; i < FLOOD; i++)
  fake.pushUpdate(fake.privateText(i % 2 ? 'participation Attendance' : 'results Attendance', { user: flooder }));
const flooded = performance.now();
await new Promise((r) => setTimeout(r, 3000));
const waits: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const before = fake.messages(other.id).length;
  const started = performance.now();
  fake.pushUpdate(fake.privateText('whoami', { user: other }));
  if (!(await until(() => fake.messages(other.id).length > before, 120_000)))
    throw new Error('no answer within 2 minutes');
  waits.push(performance.now() - started);
  // The other chat's own pace is one message a second: ask no faster than that.
  await new Promise((r) => setTimeout(r, 1100));
}
const answered = fake.messages(flooder.id).length;
const at = (q: number) =>
  [...waits].sort((a, b) => a - b)[Math.min(waits.length - 1, Math.floor(waits.length * q))]!.toFixed(0);
console.log(
  `one chat sent ${FLOOD} commands at once; 3 s later another chat asked whoami ${SAMPLES} times, once every 1.1 s`,
);
console.log(
  [
    '| the other chat’s answer | p50 | p95 | max |',
    '|---|---|---|---|',
    `| from its update to its answer | ${at(0.5)} ms | ${at(0.95)} ms | ${at(1)} ms |`,
  ].join('\n'),
);
console.log(
  `meanwhile the flooding chat got ${answered} messages in ${((performance.now() - flooded) / 1000).toFixed(0)} s (its pace: one a second); 429s from the fake: ${fake.calls().filter((c) => c.errorCode === 429).length}`,
);

await bot.stop();
await fake.close();
await mirror.close();
process.exit(0);
