// A chat's sends go one at a time: a Bot API call that never answers is given up at its time
// limit, so the chat's later messages still go out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPacer } from '../../../src/adapters/telegram/pace-outbound.ts';
import { scaled } from '../../helpers/slowness.ts';

test('a call that never answers is given up, and the next send to that chat goes out', {
  timeout: scaled(10_000),
}, async () => {
  const pacer = createPacer({ callTimeLimitMs: 300 });
  const started = Date.now();
  const stuck = pacer.send('42', () => new Promise<never>(() => {}));
  const next = pacer.send('42', async () => 'delivered');
  await assert.rejects(stuck, (error: Error) => error.name === 'TimeoutError');
  assert.equal(await next, 'delivered');
  assert.ok(Date.now() - started < scaled(3_000), `took ${Date.now() - started} ms`);
});
