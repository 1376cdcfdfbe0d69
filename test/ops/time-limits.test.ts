// A RapidPro that takes the connection and never answers: a person waiting on a command hears so
// within seconds (the interactive lane's limits), where a background job would wait longer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDispatch } from '../../src/core/dispatch.ts';
import { createRapidProClient } from '../../src/rapidpro/create-client.ts';
import { laneLimits } from '../../src/rapidpro/lane-limits.ts';
import { commands } from '../../commands/index.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';
import { startSilentServer } from '../helpers/start-silent-server.ts';
import { scaled } from '../helpers/slowness.ts';

let demo: DemoOrg;
let silent: Awaited<ReturnType<typeof startSilentServer>>;

before(async () => {
  demo = await createDemoOrg();
  silent = await startSilentServer();
});
after(async () => {
  await silent?.close();
  await demo?.close();
});

test('a command that asks a silent RapidPro answers within its lane’s limits, in words', {
  timeout: scaled(30_000),
}, async () => {
  const rapidpro = createRapidProClient({ url: silent.url, token: 'x', ...laneLimits.interactive });
  const services = { ...demo.services, rapidproFor: async () => rapidpro };
  const dispatch = createDispatch({ commands, services, i18n: demo.syncDeps.i18n });
  const started = Date.now();
  const reply = demo.text(
    // A name the mirror does not know is asked of RapidPro, for a few seconds at most.
    await dispatch({ platform: 'console', userId: 'admin', chatId: 'test', text: 'setup reporters add Nobody' }),
  );
  const waited = Date.now() - started;
  const { timeoutMs, retries, backoffLimitMs } = laneLimits.interactive;
  // The lane's own timers, and a second (on an idle machine) for the rest of the command.
  assert.ok(waited < (retries + 1) * timeoutMs + backoffLimitMs + scaled(1_000), `answered after ${waited} ms`);
  assert.ok(waited < 20_000, 'within the time limit every command has');
  assert.match(reply, /could not ask RapidPro just now\. RapidPro did not answer within a few seconds/);
  assert.ok(silent.requests() >= 1, 'RapidPro was asked');
});

test('background work is allowed to wait longer than a person', () => {
  const { interactive, background } = laneLimits;
  assert.ok(background.timeoutMs > interactive.timeoutMs);
  assert.ok(background.retries > interactive.retries);
  assert.ok(background.throttledRetries > interactive.throttledRetries);
  // Everything a person may wait for on RapidPro fits in a command's 20 s.
  assert.ok((interactive.retries + 1) * interactive.timeoutMs + interactive.backoffLimitMs < 20_000);
});
