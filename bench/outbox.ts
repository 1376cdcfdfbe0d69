// bench/outbox: a confirmed message to SCALE non-respondents (a RapidPro broadcast, what `message`
// and `remind` send) and a confirmed poll start to SCALE contacts (a flow start), each sent by the
// real sender to the simulator over HTTP, 100 contacts per request, paced as a deployment paces
// them: RapidPro's default budgets unless REQUESTS_PER_HOUR / BROADCASTS_PER_HOUR say otherwise
// (background lane). Prints how long until RapidPro had accepted every batch, and how many
// contacts each reached twice or not at all.
//   SCALE=10000 npx tsx bench/outbox.ts
//   SCALE=10000 REQUESTS_PER_HOUR=36000 npx tsx bench/outbox.ts  # a workspace allowed more
import { createPacer, laneTiming } from '../src/rapidpro/create-pacer.ts';
import { createRapidProClient } from '../src/rapidpro/create-client.ts';
import { loadConfig } from '../src/config.ts';
import { startEmbeddedPostgres } from '../src/db/start-embedded-postgres.ts';
import { sendOutbound } from '../src/outbox/send-outbound.ts';

const SCALE = Number(process.env.SCALE ?? 1000);
const defaults = loadConfig({});
const REQUESTS_PER_HOUR = Number(process.env.REQUESTS_PER_HOUR ?? defaults.RAPIDPRO_REQUESTS_PER_HOUR);
const BROADCASTS = Number(process.env.BROADCASTS_PER_HOUR ?? defaults.RAPIDPRO_BROADCASTS_PER_HOUR);

const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: '.data/bench-outbox' });
process.env.TEST_DATABASE_URL = process.env.DATABASE_URL ?? embedded!.url;
const { createDemoOrg } = await import('../test/helpers/demo-org.ts');
const { confirmedStart } = await import('../test/helpers/confirmed-start.ts');
const demo = await createDemoOrg();

const pacer = createPacer({
  sql: demo.sql,
  workspace: `org:${demo.org.id}`,
  lane: 'background',
  requestsPerHour: REQUESTS_PER_HOUR,
  broadcastsPerHour: BROADCASTS,
});
const rapidpro = createRapidProClient({ url: demo.simulator.url, token: demo.simulator.token, pacer });
const { store } = demo.simulator;

const rows: string[] = [];
for (const [kind, perHour, seed] of [
  ['broadcast', BROADCASTS, 21],
  ['poll_start', REQUESTS_PER_HOUR, 22],
] as const) {
  const { messageId, uuids, key } = await confirmedStart(demo, SCALE, {
    kind,
    seed,
    idempotencyKey: `bench-outbox-${kind}`,
    phonePrefix: `+2567${seed}`,
  });
  const sentBefore = store.broadcasts.length;
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
  const { intervalMs } = laneTiming('background', perHour);
  const floor = ((Math.ceil(SCALE / 100) - 1) * intervalMs) / 1000;
  rows.push(
    `| ${kind === 'broadcast' ? 'message (broadcasts)' : 'poll start (flow_starts)'} | ${perHour.toLocaleString('en')} an hour, ${(intervalMs / 1000).toFixed(3)} s apart | ${requests.length} (${outcome}) | ${seconds.toFixed(1)} s (pacing alone ${floor.toFixed(1)} s) | ${twice} / ${missing} |`,
  );
}

console.log(`${SCALE.toLocaleString('en')} contacts, 100 per request\n`);
console.log(
  [
    '| send | budget of its scope (background lane) | requests | all accepted by RapidPro | reached twice / not at all |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n'),
);
await demo.close();
await embedded?.stop();
process.exit(0);
