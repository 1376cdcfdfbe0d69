// The transport around the endpoints: the token, injected faults, and a clean stop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSimulator } from '../../src/simulator/start-simulator.ts';
import { api, get, post } from './http.ts';

test('a wrong or missing token is refused with 403', async (t) => {
  const sim = await startSimulator({ token: 'secret' });
  t.after(() => sim.stop());
  const wrong = await get(api(sim, 'contacts'), 'wrong');
  assert.equal(wrong.status, 403);
  assert.deepEqual(wrong.body, { detail: 'Invalid token.' });
  assert.equal((await fetch(api(sim, 'workspace'))).status, 403);
  assert.equal((await post(api(sim, 'broadcasts'), { text: 'x', contacts: [] }, 'wrong')).status, 403);
  const right = await get(api(sim, 'workspace'), 'secret');
  assert.equal(right.status, 200);
  assert.equal(right.body.timezone, 'Africa/Kampala');
  assert.equal((await get(api(sim, 'org'), 'secret')).body.name, 'Demo Schools');
  assert.equal((await get(api(sim, 'nothing'), 'secret')).status, 404);
});

test('faults come at the configured share, 429s with Retry-After, the same for a seed', async (t) => {
  const statuses = async (seed: number) => {
    const sim = await startSimulator({ seed, faults: { rate429: 0.3, rate500: 0.1, retryAfterSeconds: 2 } });
    t.after(() => sim.stop());
    const out: number[] = [];
    for (let i = 0; i < 300; i++) {
      const reply = await get(api(sim, 'workspace'));
      if (reply.status === 429) {
        assert.equal(reply.headers.get('retry-after'), '2');
        assert.match(reply.body.detail, /throttled/);
      }
      out.push(reply.status);
    }
    return out;
  };
  const first = await statuses(5);
  const throttled = first.filter((s) => s === 429).length;
  const failed = first.filter((s) => s === 500).length;
  assert.ok(throttled > 65 && throttled < 115, `${throttled} of 300 throttled`);
  assert.ok(failed > 15 && failed < 50, `${failed} of 300 failed`);
  assert.equal(first.filter((s) => s === 200).length, 300 - throttled - failed);
  assert.deepEqual(await statuses(5), first);
  assert.notDeepEqual(await statuses(6), first);
});

test('setFaults changes faults at run time; Retry-After defaults to 1 second', async (t) => {
  const sim = await startSimulator();
  t.after(() => sim.stop());
  assert.equal((await get(api(sim, 'groups'))).status, 200);
  sim.setFaults({ rate429: 1 });
  const throttled = await get(api(sim, 'groups'));
  assert.equal(throttled.status, 429);
  assert.equal(throttled.headers.get('retry-after'), '1');
  sim.setFaults({ rate500: 1 });
  assert.equal((await get(api(sim, 'groups'))).status, 500);
  sim.setFaults({});
  assert.equal((await get(api(sim, 'groups'))).status, 200);
});

test('stop closes the server and clears every pending answer, leaving no timer behind', async (t) => {
  const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const sim = await startSimulator({ answerDelayMs: [60_000, 120_000], faults: { latencyMs: 30_000 } });
  sim.setFaults({});
  const flow = sim.store.flows[0]!;
  const contacts = sim.store
    .listContacts()
    .filter((c) => c.status === 'active')
    .slice(0, 20)
    .map((c) => c.uuid);
  assert.equal((await post(api(sim, 'flow_starts'), { flow: flow.uuid, contacts })).status, 201);
  assert.ok(
    process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length > timersBefore,
    'answers are pending',
  );
  sim.setFaults({ latencyMs: 30_000 });
  const slow = fetch(api(sim, 'workspace'), { headers: { Authorization: 'Token demo-token' } }).catch(
    (error: Error) => error,
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  await sim.stop();
  assert.ok((await slow) instanceof Error, 'the slow request was cut off');
  assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length, timersBefore);
  await assert.rejects(fetch(api(sim, 'workspace')));
  t.diagnostic(`timers before ${timersBefore}`);
});
