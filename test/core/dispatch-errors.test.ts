import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { commands } from '../../commands/index.ts';
import { createDispatch } from '../../src/core/dispatch.ts';
import { createI18n } from '../../src/core/i18n.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('an unexpected failure shows a reference, and every log line of that invocation carries it', async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  const log = pino({ level: 'info' }, sink);
  const broken = { ...demo.services, log, rapidproFor: () => Promise.reject(new Error('RapidPro exploded')) };
  const dispatch = createDispatch({ commands, services: broken, i18n: await createI18n() });
  // A name the mirror does not know is asked of RapidPro, so it fails when RapidPro does.
  const reply = await dispatch({
    platform: 'console',
    userId: 'admin',
    chatId: 'test',
    text: 'setup reporters add Nobody',
  });
  assert.equal(reply.isError, true);
  const ref = /reference: ([0-9a-f]{8})/.exec(demo.text(reply))?.[1];
  assert.ok(ref, demo.text(reply));
  const failed = lines.find((l) => l.msg === 'command failed');
  assert.equal(failed?.invocation, ref);
  assert.equal(failed?.command, 'setup');
  assert.doesNotMatch(demo.text(reply), /exploded/, 'the error itself stays in the log');
});
