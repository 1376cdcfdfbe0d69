// Words, not wire: what people read when RapidPro refuses, fails or is still being read for the
// first time. Each failure is made for real (a server that answers 500, drops the connection,
// sends garbage or never answers; a revoked token; a URN RapidPro says is taken).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { commands } from '../../commands/index.ts';
import { createDispatch } from '../../src/core/dispatch.ts';
import { createI18n } from '../../src/core/i18n.ts';
import { createRapidProClient } from '../../src/rapidpro/create-client.ts';
import { createDemoOrg, replyText, type DemoOrg } from '../helpers/demo-org.ts';
import { scaled } from '../helpers/slowness.ts';

let demo: DemoOrg;
let server: Server;
let url: string;
type Behaviour = 'error500' | 'reset' | 'garbage' | 'hang';
let behaviour: Behaviour = 'error500';

before(async () => {
  demo = await createDemoOrg();
  server = createServer((req, res) => {
    if (behaviour === 'error500') return res.writeHead(500, { 'content-type': 'text/plain' }).end('Server Error (500)');
    if (behaviour === 'reset') return req.socket.destroy();
    if (behaviour === 'garbage')
      return res.writeHead(200, { 'content-type': 'application/json' }).end('<html><body>Bad gateway</body></html>');
    // hang: never answer.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server?.closeAllConnections();
  server?.close();
  await demo?.close();
});

async function runAgainst(client: ReturnType<typeof createRapidProClient>, text: string) {
  const services = { ...demo.services, rapidproFor: async () => client };
  const dispatch = createDispatch({ commands, services, i18n: await createI18n() });
  return replyText(await dispatch({ platform: 'console', userId: 'admin', chatId: 'test', text }));
}

for (const [failure, expected] of [
  ['error500', /RapidPro is not answering right now \(HTTP 500\)\. TracBot itself is fine/],
  ['reset', /RapidPro is not answering right now \(.+\)\. TracBot itself is fine/],
  ['garbage', /RapidPro answered with something TracBot cannot read/],
  ['hang', /RapidPro is not answering right now \(timeout\)/],
] as const) {
  test(`RapidPro failing (${failure}) is said to be RapidPro, not the bot`, { timeout: scaled(30_000) }, async () => {
    behaviour = failure;
    const client = createRapidProClient({ url, token: 'x', retries: 0, timeoutMs: 300, backoffLimitMs: 10 });
    // A name the mirror does not know is asked of RapidPro, so it meets RapidPro's failure.
    const text = await runAgainst(client, 'setup reporters add Nobody');
    assert.match(text, expected);
    assert.doesNotMatch(text, /Something went wrong on our side/);
  });
}

test('a revoked token is named as the token', async () => {
  const client = createRapidProClient({ url: demo.simulator.url, token: 'revoked', retries: 0 });
  const text = await runAgainst(client, 'setup reporters add Nobody');
  assert.match(text, /RapidPro refused TracBot's API token \(it answered 403\)/);
  await assert.rejects(
    client.workspace(),
    /RapidPro refused the API token .* check RAPIDPRO_TOKEN/,
    'operators read the same at start-up',
  );
});

test('a URN RapidPro says is in use comes back as a sentence, never as RapidPro’s JSON', async () => {
  const taken = demo.simulator.store
    .listContacts()
    .find((c) => c.status === 'active' && c.urns[0]?.startsWith('tel:'))!;
  await demo.run('kampala-supervisor', `contact add "Someone New" "${taken.urns[0]!.slice(4)}" Kawempe`);
  const notices = [...demo.notifier.messages.values()].map((m) => replyText(m.versions[0]!));
  const notice = notices.find((n) => /Someone New/.test(n));
  assert.ok(notice, notices.join('\n'));
  assert.match(notice, /already belongs to another contact/);
  assert.doesNotMatch(notice, /[{}[\]]|URN is in use/);
});

test('while a poll’s runs are fetched for the first time, a date says "still syncing", not "not conducted"', async () => {
  await demo.sql`delete from poll_runs where poll_id = (select id from polls where name = 'Enrolment')`;
  await demo.sql`delete from sync_checkpoints where entity = ${`runs:${demo.simulator.store.flows.find((f) => f.name === 'Enrolment')!.uuid}`}`;
  assert.match(
    demo.text(await demo.run('admin', 'participation Enrolment 2020-01-01')),
    /still fetching the answers to Enrolment/,
  );
  await demo.sync();
  assert.match(demo.text(await demo.run('admin', 'participation Enrolment 2020-01-01')), /was not conducted on/);
});
