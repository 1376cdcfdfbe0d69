// RapidPro's clock hours ahead of ours or behind it: a flow start or broadcast RapidPro performed
// but answered 504 is still found there before it could be sent again, so nobody gets the poll
// or the message twice, and nobody is left out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sendOutbound } from '../../src/outbox/send-outbound.ts';
import { confirmedStart } from '../helpers/confirmed-start.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

const HOUR = 60 * 60_000;

/** How many times each contact got the poll (flow starts carrying the message's key) or the text. */
function received(demo: DemoOrg, key: string, text: string | null): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (uuid: string) => counts.set(uuid, (counts.get(uuid) ?? 0) + 1);
  if (text === null) {
    for (const start of demo.simulator.store.flowStarts)
      if (String(start.params.tracbot_batch ?? '').startsWith(`tracbot:${key}:`)) start.contacts.forEach(add);
  } else {
    for (const message of demo.simulator.store.messages)
      if (message.direction === 'out' && message.broadcast !== null && message.text === text) add(message.contactUuid);
  }
  return counts;
}

for (const [label, offsetMs] of [
  ['3 hours behind ours', -3 * HOUR],
  ['3 hours ahead of ours', 3 * HOUR],
] as const) {
  for (const kind of ['poll_start', 'broadcast'] as const) {
    test(`RapidPro's clock ${label}: a ${kind} answered 504 after RapidPro performed it is not sent again`, {
      timeout: 120_000,
    }, async (t) => {
      const demo = await createDemoOrg({ now: () => new Date(Date.now() + offsetMs) });
      t.after(() => demo.close());
      const text = kind === 'broadcast' ? `Exams start Monday (${label})` : null;
      const { messageId, uuids, key } = await confirmedStart(demo, 450, {
        kind,
        text: text ?? undefined,
        seed: 3,
        idempotencyKey: `skew:${kind}:${offsetMs}`,
        phonePrefix: '+25672',
      });
      // The look-up waits for nothing: the simulator has acted by the time it answers.
      const deps = { ...demo.syncDeps, outbox: { settleMs: 0 } };
      // Every write is performed and answered 504: each pass finds the batch the last one left
      // "sending", then sends the next, which is answered 504 in turn.
      demo.simulator.setFaults({ rate504AfterWrite: 1 });
      for (let pass = 0; pass < 5; pass++) assert.equal(await sendOutbound(deps, messageId), 'later');
      demo.simulator.setFaults({});
      assert.equal(await sendOutbound(deps, messageId), 'sent');

      const counts = received(demo, key, text);
      const twice = [...counts.values()].filter((n) => n > 1).length;
      const missing = uuids.filter((uuid) => !counts.has(uuid)).length;
      assert.deepEqual({ reached: counts.size, twice, missing }, { reached: uuids.length, twice: 0, missing: 0 });
    });
  }
}
