// bench/outbox: a confirmed message to SCALE non-respondents (a RapidPro broadcast, what `message`
// and `remind` send) and a confirmed poll start to SCALE contacts (a flow start), each sent by the
// real sender to the simulator over HTTP, 100 contacts per request, counted against RapidPro's
// budget as a deployment counts it (background lane), the simulator throttling as RapidPro does
// at the same rates: RapidPro's defaults unless RAPIDPRO_API_RATES says otherwise. Both sends are
// in RapidPro's `v2` scope, one after the other, so the second finds the window the first used.
// Prints how long until RapidPro had accepted every batch, how many 429s it answered, and how
// many contacts each send reached twice or not at all.
//   SCALE=10000 npx tsx bench/outbox.ts
//   SCALE=10000 RAPIDPRO_API_RATES=v2=100/minute npx tsx bench/outbox.ts  # a stingy server
import { createPacer, ratesOf, reserveOf } from '../src/rapidpro/create-pacer.ts';
import { createRapidProClient } from '../src/rapidpro/create-client.ts';
import { loadConfig } from '../src/config.ts';
import { startEmbeddedPostgres } from '../src/db/start-embedded-postgres.ts';
import { sendOutbound } from '../src/outbox/send-outbound.ts';

const SCALE = Number(process.env.SCALE ?? 1000);
const { RAPIDPRO_API_RATES } = loadConfig({ RAPIDPRO_API_RATES: process.env.RAPIDPRO_API_RATES });
const rates = ratesOf(RAPIDPRO_API_RATES);

const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: '.data/bench-outbox' });
process.env.TEST_DATABASE_URL = process.env.DATABASE_URL ?? embedded!.url;
const { createDemoOrg } = await import('../test/helpers/demo-org.ts');
const { confirmedStart } = await import('../test/helpers/confirmed-start.ts');
const received: string[] = [];
const demo = await createDemoOrg({
  throttle: RAPIDPRO_API_RATES,
  beforeRequest: (url) => void received.push(url.pathname),
});
// What the first sync used of the window the sends then share.
const syncRequests = received.length;

const pacer = createPacer({ sql: demo.sql, workspace: `org:${demo.org.id}`, lane: 'background', rates });
let refused = 0;
const clientWith = (budget: typeof pacer | undefined) =>
  createRapidProClient({
    url: demo.simulator.url,
    token: demo.simulator.token,
    pacer: budget,
    onRetry: ({ error }) => void (String(error).includes('429') && refused++),
  });
const { store } = demo.simulator;

const rows: string[] = [];
const v2 = rates.v2!;
// The last row sends without counting the budget: what is left is the sender and the simulator,
// so the difference is what counting costs (on a shared machine, times vary with its load).
for (const [kind, seed, budget] of [
  ['broadcast', 21, pacer],
  ['poll_start', 22, pacer],
  ['broadcast', 23, undefined],
] as const) {
  const rapidpro = clientWith(budget);
  const { messageId, uuids, key } = await confirmedStart(demo, SCALE, {
    kind,
    seed,
    idempotencyKey: `bench-outbox-${kind}-${seed}`,
    phonePrefix: `+2567${seed}`,
  });
  const sentBefore = store.broadcasts.length;
  refused = 0;
  const started = performance.now();
  const outcome = await sendOutbound({ ...demo.syncDeps, rapidproFor: async () => rapidpro }, messageId);
  const seconds = (performance.now() - started) / 1000;
  const requests =
    kind === 'broadcast'
      ? store.broadcasts.slice(sentBefore)
      : store.flowStarts.filter((s) => String(s.params.tracbot_batch ?? '').startsWith(`tracbot:${key}:`));
  const reached = new Map<string, number>();
  for (const request of requests) for (const uuid of request.reached) reached.set(uuid, (reached.get(uuid) ?? 0) + 1);
  const twice = [...reached.values()].filter((n) => n > 1).length;
  const missing = uuids.filter((uuid) => !reached.has(uuid)).length;
  rows.push(
    `| ${kind === 'broadcast' ? 'message (broadcasts.json)' : 'poll start (flow_starts.json)'}${budget ? '' : ', budget not counted'} | ${requests.length} (${outcome}) | ${seconds.toFixed(1)} s | ${refused} | ${twice} / ${missing} |`,
  );
}

console.log(
  `${SCALE.toLocaleString('en')} contacts, 100 per request; scope v2 at ${v2.requests.toLocaleString('en')} requests per ${v2.seconds} s, ${(v2.requests - reserveOf(v2)).toLocaleString('en')} of them for background work; ${syncRequests} of the window used by the first sync before\n`,
);
console.log(
  [
    '| send | requests | all accepted by RapidPro | 429s | reached twice / not at all |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n'),
);
await demo.close();
await embedded?.stop();
process.exit(0);
