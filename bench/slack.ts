// bench/slack: 50 signed slash commands at once against the real Bolt app over HTTP, over the
// 100,000-contact mirror of bench/queries, while 10 charts are asked for and drawn in the same
// process; Slack's side is the fake Web API of the tests. Times from sending the request to its
// ack (HTTP 200), to the answer arriving at the response URL, and to each chart's file shared.
//   npx tsx bench/slack.ts            # CONCURRENCY=50 CHARTS=10 ROUNDS=5 by default
import { pino } from 'pino';
import { commands } from '../commands/index.ts';
import { startSlack } from '../src/adapters/slack/start-slack.ts';
import { createDialogs } from '../src/core/create-dialogs.ts';
import { createDispatch } from '../src/core/dispatch.ts';
import { createI18n } from '../src/core/i18n.ts';
import { dialogs as registry } from '../src/dialogs/index.ts';
import { startHttpServer } from '../src/http/start-http-server.ts';
import { BOT_TOKEN, slackDriver, startFakeSlack, TEAM } from '../test/fakes/slack-api.ts';
import { openBigMirror } from './open-big-mirror.ts';

const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CHARTS = Number(process.env.CHARTS ?? 10);
const SECRET = 'bench-signing-secret';

const mirror = await openBigMirror('bench_slack', {
  platform: 'slack',
  admin: `${TEAM}:U0ADMIN`,
  supervisor: `${TEAM}:U0PROV`,
});
const { services, sql } = mirror;
const i18n = await createI18n();
const log = pino({ level: 'warn' });
const dispatch = createDispatch({ commands, services, i18n });
const dialogs = createDialogs({ commands, services, i18n, registry, dispatch });
const fake = await startFakeSlack();
fake.addConversation('C0CHAN');
const http = await startHttpServer({
  port: 0,
  log,
  health: {},
  metrics: { contentType: 'text/plain', render: async () => '' },
});
const slack = await startSlack({
  botToken: BOT_TOKEN,
  signingSecret: SECRET,
  apiUrl: fake.apiUrl,
  http,
  dispatch,
  dialogs,
  sql,
  log,
  i18n,
});
const driver = slackDriver(fake, `http://127.0.0.1:${http.port}/slack/events`, SECRET);

// Supervisors and admins asking for participation and results, as at a morning check.
const asks = [
  ['U0PROV', 'participation Attendance'],
  ['U0PROV', 'results Attendance'],
  ['U0ADMIN', 'participation Attendance'],
  ['U0ADMIN', 'polls'],
] as const;

const acks: number[] = [];
const answers: number[] = [];
const charts: number[] = [];
for (let round = 0; round < ROUNDS + 1; round++) {
  fake.reset();
  const shared = () => fake.calls.filter((c) => c.method === 'files.completeUploadExternal' && c.result === 'ok');
  // The charts go first, so their drawing overlaps the commands being answered.
  const chartsStarted = performance.now();
  const chartTimes: number[] = [];
  const watching = (async () => {
    let seen = 0;
    while (seen < CHARTS) {
      const now = shared().length;
      for (; seen < now; seen++) chartTimes.push(performance.now() - chartsStarted);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  await Promise.all(Array.from({ length: CHARTS }, () => driver.slash('U0ADMIN', 'chart Attendance').send()));
  const sent = await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, i) => {
      const [user, text] = asks[i % asks.length]!;
      const request = driver.slash(user, text);
      const url = /response_url=([^&]+)/.exec(request.body)![1]!;
      const id = decodeURIComponent(url).split('/').at(-1)!;
      const started = performance.now();
      const res = await request.send();
      if (res.status !== 200) throw new Error(`ack ${res.status}`);
      return { id, started, ack: res.ms };
    }),
  );
  // The answer is the response with blocks (a slow one is preceded by "working…" and its removal).
  const answerOf = (id: string) => fake.responses.find((r) => r.id === id && r.body.blocks);
  await fake.waitForResponse(() => sent.every(({ id }) => answerOf(id)));
  await watching;
  if (round === 0) continue; // the first round warms caches and connections up
  charts.push(...chartTimes);
  for (const { id, started, ack } of sent) {
    acks.push(ack);
    answers.push(answerOf(id)!.at - started);
  }
}
const at = (values: number[], q: number) =>
  values.length === 0
    ? '–'
    : [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]!.toFixed(0);
console.log(
  `${ROUNDS} rounds of ${CONCURRENCY} concurrent slash commands and ${CHARTS} charts (${acks.length} commands, ${charts.length} charts timed)`,
);
console.log(
  [
    '| from request to | p50 | p95 | p99 | max |',
    '|---|---|---|---|---|',
    `| ack (HTTP 200) | ${at(acks, 0.5)} ms | ${at(acks, 0.95)} ms | ${at(acks, 0.99)} ms | ${at(acks, 1)} ms |`,
    `| answer at the response URL | ${at(answers, 0.5)} ms | ${at(answers, 0.95)} ms | ${at(answers, 0.99)} ms | ${at(answers, 1)} ms |`,
    `| chart shared (files.completeUploadExternal) | ${at(charts, 0.5)} ms | ${at(charts, 0.95)} ms | ${at(charts, 0.99)} ms | ${at(charts, 1)} ms |`,
  ].join('\n'),
);

await slack.stop();
await http.close();
await fake.close();
await mirror.close();
process.exit(0);
