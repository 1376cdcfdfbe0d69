// However RapidPro misbehaves while we page (throttling, errors, data changing between two page
// reads), once it settles the mirror equals it, row by row.
import { test } from 'node:test';
import { createRandom, pickOne, randomUuid, type Random } from '../../src/simulator/random.ts';
import type { SimulatorStore } from '../../src/simulator/store.ts';
import { assertMirrorMatches } from '../helpers/compare-mirror.ts';
import { createDemoOrg } from '../helpers/demo-org.ts';
import { scaled } from '../helpers/slowness.ts';

/** One random change of the kind RapidPro sees all day. */
function mutate(store: SimulatorStore, random: Random): void {
  const contacts = store.listContacts();
  const roll = random();
  if (roll < 0.35) {
    const contact = pickOne(random, contacts);
    const regions = store.groups.filter((g) => ['Kawempe', 'Nakawa', 'Gulu', 'Lira', 'Wakiso'].includes(g.name));
    const others = contact.groups.filter((uuid) => !regions.some((g) => g.uuid === uuid));
    store.editContact(contact.uuid, {
      name: `${contact.name ?? 'x'}′`,
      language: random() < 0.5 ? 'fra' : 'eng',
      status: random() < 0.2 ? 'stopped' : 'active',
      groups: [...others, pickOne(random, regions).uuid],
    });
  } else if (roll < 0.42) {
    store.deleteContact(pickOne(random, contacts).uuid);
  } else if (roll < 0.85) {
    const open = store.listRuns().filter((r) => r.exitType !== 'completed');
    const run = pickOne(random, open);
    const flow = store.flowByUuid(run.flowUuid)!;
    const question = flow.questions.find((q) => !(q.key in run.values));
    store.advanceRun(run.uuid, (r) => {
      if (question) {
        const time = new Date();
        r.values[question.key] = {
          name: question.name,
          value: '12',
          category: question.categories[0]!.name,
          node: question.nodeUuid,
          time,
          input: '12',
        };
        r.responded = true;
      }
      if (!question || random() < 0.5) {
        r.exitType = Object.keys(r.values).length === flow.questions.length ? 'completed' : 'interrupted';
        r.exitedOn = new Date();
      }
    });
  } else {
    const contact = pickOne(
      random,
      contacts.filter((c) => c.status === 'active'),
    );
    const flow = pickOne(random, store.flows);
    store.addRun({
      uuid: randomUuid(random),
      flowUuid: flow.uuid,
      contactUuid: contact.uuid,
      startUuid: null,
      responded: false,
      path: [],
      values: {},
      createdOn: new Date(),
      exitedOn: null,
      exitType: null,
    });
  }
}

for (const seed of [11, 22, 33, 44]) {
  test(`the mirror converges through faults and changes mid-sync (seed ${seed})`, {
    timeout: scaled(120_000),
  }, async (t) => {
    const random = createRandom(seed);
    let changing = false;
    const demo = await createDemoOrg({
      seed,
      pageSize: 37,
      beforeRequest: (_url, store) => {
        if (changing && random() < 0.4) mutate(store, random);
      },
    });
    t.after(() => demo.close());
    changing = true;
    demo.simulator.setFaults({ rate429: 0.1, rate500: 0.1, retryAfterSeconds: 0, latencyMs: 1 });
    for (let round = 0; round < 3; round++) {
      // A sync may fail outright when RapidPro keeps failing; the next one resumes from its checkpoints.
      await demo.sync().catch(() => undefined);
    }
    changing = false;
    demo.simulator.setFaults({});
    await demo.sync();
    await assertMirrorMatches(demo.sql, demo.simulator.store);
  });
}
