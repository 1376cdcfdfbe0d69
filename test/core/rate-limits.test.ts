import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { commands } from '../../commands/index.ts';
import { createDispatch } from '../../src/core/dispatch.ts';
import { createI18n } from '../../src/core/i18n.ts';
import { createRateLimits } from '../../src/core/rate-limits.ts';
import { UserError } from '../../src/core/user-error.ts';
import { createDb } from '../../src/db/client.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('too many commands get a translated answer to wait; other users are not held back', async () => {
  const limits = createRateLimits(demo.db, { commandsPerMinute: 3, sendsPerHour: 1 });
  const dispatch = createDispatch({ commands, services: { ...demo.services, limits }, i18n: await createI18n() });
  const as = (userId: string, text: string) => dispatch({ platform: 'console', userId, chatId: 'test', text });
  for (let i = 0; i < 3; i++) assert.equal((await as('admin', 'whoami')).isError, undefined);
  const refused = await as('admin', 'whoami');
  assert.equal(refused.isError, true);
  assert.match(demo.text(refused), /That is a lot of commands at once\. Wait \d+ seconds/);
  assert.equal((await as('kampala-supervisor', 'whoami')).isError, undefined);
});

test('the console, where the operator scripts the bot, is not counted', async () => {
  const limits = createRateLimits(demo.db, { commandsPerMinute: 3, uncountedPlatforms: ['console'] });
  const dispatch = createDispatch({ commands, services: { ...demo.services, limits }, i18n: await createI18n() });
  for (let i = 0; i < 6; i++) {
    const reply = await dispatch({ platform: 'console', userId: 'admin', chatId: 'test', text: 'whoami' });
    assert.equal(reply.isError, undefined, demo.text(reply));
  }
});

test('sends are limited separately, before anything is written', async () => {
  const limits = createRateLimits(demo.db, { commandsPerMinute: 100, sendsPerHour: 1 });
  const dispatch = createDispatch({ commands, services: { ...demo.services, limits }, i18n: await createI18n() });
  const asked = (text: string) => dispatch({ platform: 'console', userId: 'kampala-supervisor', chatId: 'test', text });
  // A reminder is set (and counted) when its confirmation's button is pressed.
  const as = async (text: string) => {
    const ask = await asked(text);
    const button = ask.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
    return dispatch({
      platform: 'console',
      userId: 'kampala-supervisor',
      chatId: 'test',
      text: button.command,
      fromButton: true,
    });
  };
  const first = await as('remind Attendance latest Kampala after 1h');
  assert.equal(first.isError, undefined, demo.text(first));
  const [before] = await demo.sql<{ n: number }[]>`select count(*)::int as n from schedules`;
  const second = await as('remind Attendance latest Kampala after 1h');
  assert.match(demo.text(second), /You have sent many messages in the last hour/);
  const [after] = await demo.sql<{ n: number }[]>`select count(*)::int as n from schedules`;
  assert.equal(after!.n, before!.n);
});

test('processes on one database share each limit: three of them allow the limit, not three times it', async () => {
  const pools = [createDb(demo.url), createDb(demo.url), createDb(demo.url)];
  try {
    const limits = pools.map(({ db }) => createRateLimits(db, { commandsPerMinute: 5, sendsPerHour: 1 }));
    const tries = await Promise.allSettled(
      Array.from({ length: 15 }, (_, i) => limits[i % 3]!.command('telegram:777')),
    );
    assert.equal(tries.filter((t) => t.status === 'fulfilled').length, 5);
    const refusals = tries.flatMap((t) => (t.status === 'rejected' ? [t.reason] : []));
    assert.ok(refusals.every((r) => r instanceof UserError && r.key === 'errors.tooManyCommands'));
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
  }
});
