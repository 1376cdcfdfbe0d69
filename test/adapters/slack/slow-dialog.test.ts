// Slack gives a modal's submission 3 seconds. Connecting RapidPro waits for RapidPro, which may
// never answer: here it is a TCP server that accepts connections and never replies. The ack must
// come back inside Slack's window while that server still holds the request, and the admin must
// still hear the verdict: the form again, with the error under the address.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { ADMIN, startSlackApp } from './start-slack-app.ts';

/** Slack's limit for acknowledging an interaction. */
const SLACK_WINDOW_MS = 3000;

let app: Awaited<ReturnType<typeof startSlackApp>>;
before(async () => {
  app = await startSlackApp();
});
after(() => app?.close());

async function startSilentServer() {
  const sockets: Socket[] = [];
  // Requests, not connections: Node's fetch may open a spare connection when one is aborted.
  let requests = 0;
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.once('data', () => requests++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let released = false;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    isReleased: () => released,
    release() {
      released = true;
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test('a submission whose check never hears from RapidPro is acked within Slack’s window; the verdict follows in the modal', async (t) => {
  const { fake, driver } = app;
  const silent = await startSilentServer();
  t.after(() => (silent.isReleased() ? undefined : silent.release()));

  fake.reset();
  await driver.slash(ADMIN, 'setup connect').send();
  const opened = await fake.waitForCall('views.update');
  const viewId = opened.body.view_id as string;
  fake.reset();

  // Slack stops waiting after 3 s: the silent server is let go then, whatever happened.
  const window = setTimeout(() => void silent.release(), SLACK_WINDOW_MS);
  const ack = await driver.submit(ADMIN, viewId, { url: silent.url, token: 'a-token-never-checked' });
  const releasedBeforeAck = silent.isReleased();
  clearTimeout(window);
  t.diagnostic(`view_submission acked after ${ack.ms.toFixed(0)} ms`);
  assert.equal(ack.status, 200);
  assert.equal(releasedBeforeAck, false, `acked only after RapidPro was let go (${ack.ms.toFixed(0)} ms)`);
  assert.equal(ack.body.response_action, 'update');
  assert.match(JSON.stringify(ack.body.view.blocks), /Checking with RapidPro/);

  // The check gives up on its own (RapidPro still silent) and says so beside the address.
  const verdict = await fake.waitForCall('views.update', (c) => c.body.view_id === viewId, 15_000);
  assert.equal(silent.isReleased(), false, 'the verdict came while RapidPro was still silent');
  assert.equal(verdict.result, 'ok');
  const blocks = verdict.body.view.blocks as {
    block_id: string;
    element?: { initial_value?: string };
    elements?: { text: string }[];
  }[];
  assert.deepEqual(
    blocks.map((b) => b.block_id),
    ['url', 'url:error', 'token'],
  );
  assert.match(blocks[1]!.elements![0]!.text, /Could not reach RapidPro/);
  assert.equal(blocks[0]!.element!.initial_value, silent.url, 'the address typed is kept');
  assert.equal(blocks[2]!.element!.initial_value, undefined, 'the token is not sent back to Slack');
  assert.ok(!JSON.stringify(fake.calls).includes('a-token-never-checked'));
  assert.equal(silent.requests(), 1, 'one try, no retries');
  await silent.release();
});
