// A simulator holding a big workspace for bench/sync: CONTACTS contacts and RUNS completed runs
// of one two-question poll. Runs in its own process so the bench measures only the syncing one.
import { createDemoFlows } from '../src/simulator/demo-flows.ts';
import { evaluate } from '../src/simulator/evaluate-router.ts';
import { createRandom, type Random, randomUuid } from '../src/simulator/random.ts';
import { startSimulator } from '../src/simulator/start-simulator.ts';
import type { SimContact, SimRun } from '../src/simulator/store.ts';

const contactCount = Number(process.env.CONTACTS ?? 100_000);
const runCount = Number(process.env.RUNS ?? 1_000_000);
const random = createRandom(99);
const start = Date.now() - 400 * 86_400_000;
const simulator = await startSimulator({ demo: false, seed: 99 });
const { store } = simulator;
store.workspace = {
  uuid: randomUuid(random),
  name: 'Bench',
  country: 'UG',
  languages: ['eng'],
  primaryLanguage: 'eng',
  timezone: 'Africa/Kampala',
};
const region = { uuid: randomUuid(random), name: 'Everywhere', query: null };
store.groups.push(region);
const flow = createDemoFlows(random, new Date(start))[0]!;
store.flows.push(flow);

const contacts: SimContact[] = [];
for (let i = 0; i < contactCount; i++) {
  const at = new Date(start + i);
  const contact = {
    id: store.nextId(),
    uuid: randomUuid(random),
    name: `Contact ${i}`,
    language: 'eng',
    urns: [`tel:+256${700000000 + i}`],
    groups: [region.uuid],
    fields: {},
    status: 'active' as const,
    createdOn: at,
    modifiedOn: store.stamp(at),
    lastSeenOn: null,
    deleted: false,
  };
  store.contacts.set(contact.uuid, contact);
  contacts.push(contact);
}
// Runs spread over 300 days, oldest first, so their modified_on stamps rise with creation. They
// are made from their position each time they are read instead of held: ten million run objects
// need some 15 GB, and collecting garbage among them cost this stand-in more CPU than the sync it
// serves. Run i is the same on every read (its own seeded generator), with a random uuid as in
// RapidPro.
const step = (300 * 86_400_000) / runCount;
const firstRunId = store.nextId();
function runAt(i: number): SimRun {
  const random = createRandom(0x5eed0000 + i);
  const contact = contacts[i % contactCount]!;
  const created = new Date(start + 60 * 86_400_000 + Math.floor(i * step));
  const values: SimRun['values'] = {};
  for (const q of flow.questions) values[q.key] = valueFor(q, contact, created, random);
  return {
    id: firstRunId + i,
    uuid: randomUuid(random),
    flowUuid: flow.uuid,
    contactUuid: contact.uuid,
    startUuid: null,
    responded: true,
    path: [],
    values,
    createdOn: created,
    exitedOn: created,
    exitType: 'completed',
    modifiedOn: created,
  };
}
// What runs.json pages through, newest first: the length, a position, a slice.
const newestFirst = new Proxy([] as SimRun[], {
  get(target, key) {
    if (key === 'length') return runCount;
    if (key === 'slice')
      return (from: number, to = runCount) =>
        Array.from({ length: Math.max(0, Math.min(to, runCount) - from) }, (_, k) => runAt(runCount - 1 - from - k));
    if (typeof key === 'string' && /^\d+$/.test(key)) return runAt(runCount - 1 - Number(key));
    // flows.json counts a flow's runs by how they ended (all of these completed) by iterating
    // them: counted without making each run, which at ten million outlasts the client's patience.
    if (key === Symbol.iterator)
      return function* () {
        for (let i = 0; i < runCount; i++) yield { exitType: 'completed' };
      };
    return Reflect.get(target, key);
  },
});
store.runsNewestFirst = (flowUuid) => (flowUuid === null || flowUuid === flow.uuid ? newestFirst : []);

function valueFor(q: (typeof flow.questions)[number], contact: SimContact, time: Date, random: Random) {
  const input = q.answer(contact, random);
  const { category, value } = evaluate(q, input);
  return { name: q.name, value, category, node: q.nodeUuid, time, input };
}

process.stdout.write(
  JSON.stringify({ url: simulator.url, token: simulator.token, flow: flow.uuid, region: region.uuid }) + '\n',
);
// The CPU this stand-in for RapidPro has used since it was ready: it shares the machine with the
// syncing process and the database, where a real RapidPro would not.
const ready = process.cpuUsage();
process.on('SIGUSR2', () => {
  const used = process.cpuUsage(ready);
  process.stdout.write(JSON.stringify({ cpuMs: Math.round((used.user + used.system) / 1000) }) + '\n');
});
process.once('SIGTERM', () => void simulator.stop().then(() => process.exit(0)));
