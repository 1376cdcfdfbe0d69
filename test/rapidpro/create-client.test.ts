import assert from 'node:assert/strict';
import test from 'node:test';
import { createRapidProClient } from '../../src/rapidpro/create-client.ts';
import { RapidProHttpError, RapidProSchemaError } from '../../src/rapidpro/errors.ts';
import { collect } from '../../src/rapidpro/collect.ts';
import { serve, sendJson } from '../helpers/serve.ts';

const group = (n: number) => ({ uuid: `g-${n}`, name: `Group ${n}`, query: null, count: n });

test('follows `next` verbatim to the last page, sending the token on every request', async (t) => {
  const seen: string[] = [];
  const server = await serve((req, res) => {
    seen.push(`${req.url} ${req.headers.authorization}`);
    const cursor = new URL(req.url!, 'http://x').searchParams.get('cursor');
    if (!cursor)
      return sendJson(res, 200, { next: `${server.url}/api/v2/groups.json?cursor=p2`, results: [group(1), group(2)] });
    if (cursor === 'p2')
      return sendJson(res, 200, { next: `${server.url}/api/v2/groups.json?cursor=p3`, results: [group(3)] });
    return sendJson(res, 200, { next: null, results: [group(4)] });
  });
  t.after(server.close);
  const client = createRapidProClient({ url: server.url, token: 'secret' });
  const groups = await collect(client.groups());
  assert.deepEqual(
    groups.map((g) => g.uuid),
    ['g-1', 'g-2', 'g-3', 'g-4'],
  );
  assert.deepEqual(seen, [
    '/api/v2/groups.json Token secret',
    '/api/v2/groups.json?cursor=p2 Token secret',
    '/api/v2/groups.json?cursor=p3 Token secret',
  ]);
});

test('waits out a 429 for its Retry-After, and retries a 500', async (t) => {
  const times: number[] = [];
  const server = await serve((_req, res) => {
    times.push(Date.now());
    if (times.length === 1) return sendJson(res, 429, { detail: 'slow down' }, { 'retry-after': '1' });
    if (times.length === 2) return sendJson(res, 500, { detail: 'oops' });
    return sendJson(res, 200, { next: null, results: [group(1)] });
  });
  t.after(server.close);
  const client = createRapidProClient({ url: server.url, token: 't', backoffLimitMs: 50 });
  const groups = await collect(client.groups());
  assert.equal(groups.length, 1);
  assert.equal(times.length, 3);
  assert.ok(times[1]! - times[0]! >= 950, `waited ${times[1]! - times[0]!} ms after the 429`);
});

test('gives up on persistent 5xx with a typed error naming the endpoint', async (t) => {
  let calls = 0;
  const server = await serve((_req, res) => {
    calls++;
    sendJson(res, 502, { detail: 'bad gateway' });
  });
  t.after(server.close);
  const client = createRapidProClient({ url: server.url, token: 't', retries: 2, backoffLimitMs: 10 });
  await assert.rejects(client.workspace(), (error) => {
    assert.ok(error instanceof RapidProHttpError);
    assert.equal(error.endpoint, 'workspace.json');
    assert.equal(error.status, 502);
    return true;
  });
  assert.equal(calls, 3);
});

test('a bad token is a rejection at once, not retried', async (t) => {
  let calls = 0;
  const server = await serve((_req, res) => {
    calls++;
    sendJson(res, 403, { detail: 'Invalid token.' });
  });
  t.after(server.close);
  const client = createRapidProClient({ url: server.url, token: 'nope' });
  await assert.rejects(
    client.workspace(),
    (error) => error instanceof RapidProHttpError && error.status === 403 && error.isRejection,
  );
  assert.equal(calls, 1);
});

test('a payload of the wrong shape is a schema error naming the endpoint; one bad item is skipped', async (t) => {
  const server = await serve((req, res) => {
    if (req.url!.startsWith('/api/v2/workspace.json')) return sendJson(res, 200, { name: 42 });
    return sendJson(res, 200, { next: null, results: [group(1), { uuid: 'g-bad', name: null }, group(3)] });
  });
  t.after(server.close);
  const client = createRapidProClient({ url: server.url, token: 't' });
  await assert.rejects(client.workspace(), (error) => {
    assert.ok(error instanceof RapidProSchemaError);
    assert.equal(error.endpoint, 'workspace.json');
    assert.match(error.message, /workspace\.json/);
    return true;
  });
  const pages = [];
  for await (const page of client.groups()) pages.push(page);
  assert.deepEqual(
    pages[0]!.results.map((g) => g.uuid),
    ['g-1', 'g-3'],
  );
  assert.equal(pages[0]!.invalid[0]!.uuid, 'g-bad');
});

test('a write is not retried after a 500 (RapidPro may have acted), only after a 429', async (t) => {
  let calls = 0;
  const server = await serve((_req, res) => {
    calls++;
    if (calls === 1) return sendJson(res, 429, {}, { 'retry-after': '0' });
    sendJson(res, 500, {});
  });
  t.after(server.close);
  const client = createRapidProClient({ url: server.url, token: 't' });
  await assert.rejects(
    client.broadcast({ text: 'hi', contacts: ['c1'] }),
    (e) => e instanceof RapidProHttpError && e.status === 500,
  );
  assert.equal(calls, 2);
});
