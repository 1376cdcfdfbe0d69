// bench/outbox: a poll start to SCALE contacts who have not answered, confirmed, sent to RapidPro
// (the simulator, over HTTP) 100 contacts per request, paced as a deployment paces it
// (REQUESTS_PER_HOUR per throttle scope, background lane). Prints how long until RapidPro had
// accepted every batch, and how many contacts it reached twice or not at all.
//   SCALE=10000 npx tsx bench/outbox.ts                          # RapidPro's default budget
//   SCALE=10000 REQUESTS_PER_HOUR=36000 npx tsx bench/outbox.ts  # a workspace allowed more
import { createPacer, laneTiming } from '../src/rapidpro/create-pacer.ts';
import { createRapidProClient } from '../src/rapidpro/create-client.ts';
import { startEmbeddedPostgres } from '../src/db/start-embedded-postgres.ts';
import { sendOutbound } from '../src/outbox/send-outbound.ts';

const SCALE = Number(process.env.SCALE ?? 1000);
const REQUESTS_PER_HOUR = Number(process.env.REQUESTS_PER_HOUR ?? 3600);

const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: '.data/bench-outbox' });
process.env.TEST_DATABASE_URL = process.env.DATABASE_URL ?? embedded!.url;
const { createDemoOrg } = await import('../test/helpers/demo-org.ts');
const demo = await createDemoOrg();

const { confirmedStart } = await import('../test/helpers/confirmed-start.ts');
const { messageId, uuids, key } = await confirmedStart(demo, SCALE, {
  seed: 22,
  idempotencyKey: 'bench-outbox',
  phonePrefix: '+25673',
});

const pacer = createPacer({
  sql: demo.sql,
  workspace: `org:${demo.org.id}`,
  lane: 'background',
  requestsPerHour: REQUESTS_PER_HOUR,
});
const rapidpro = createRapidProClient({ url: demo.simulator.url, token: demo.simulator.token, pacer });
const started = performance.now();
const outcome = await sendOutbound({ ...demo.syncDeps, rapidproFor: async () => rapidpro }, messageId);
const seconds = (performance.now() - started) / 1000;

const starts = demo.simulator.store.flowStarts.filter((s) =>
  String(s.params.tracbot_batch ?? '').startsWith(`tracbot:${key}:`),
);
const reached = new Map<string, number>();
for (const start of starts) for (const uuid of start.reached) reached.set(uuid, (reached.get(uuid) ?? 0) + 1);
const twice = [...reached.values()].filter((n) => n > 1).length;
const missing = uuids.filter((uuid) => !reached.has(uuid)).length;
const floor = ((Math.ceil(SCALE / 100) - 1) * laneTiming('background', REQUESTS_PER_HOUR).intervalMs) / 1000;

console.log(
  [
    '| measure | result |',
    '|---|---|',
    `| contacts, requests | ${SCALE.toLocaleString('en')} contacts in ${starts.length} flow starts (outcome: ${outcome}) |`,
    `| budget | ${REQUESTS_PER_HOUR.toLocaleString('en')} requests/hour per scope, background lane ${(laneTiming('background', REQUESTS_PER_HOUR).intervalMs / 1000).toFixed(2)} s apart |`,
    `| all accepted by RapidPro | ${seconds.toFixed(1)} s (pacing alone: ${floor.toFixed(1)} s) |`,
    `| reached twice / not at all | ${twice} / ${missing} |`,
  ].join('\n'),
);
await demo.close();
await embedded?.stop();
process.exit(0);
