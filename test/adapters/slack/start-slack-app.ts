// The Slack adapter as the tests run it: the demo org, the real Bolt app behind the bot's HTTP
// server, the fake Slack Web API on the other side, and a driver that signs requests.
import { pino } from 'pino';
import { startSlack, type SlackOptions } from '../../../src/adapters/slack/start-slack.ts';
import { createDispatch } from '../../../src/core/dispatch.ts';
import { createI18n } from '../../../src/core/i18n.ts';
import type { Invocation } from '../../../src/core/invocation.ts';
import { createMetrics } from '../../../src/http/create-metrics.ts';
import { startHttpServer } from '../../../src/http/start-http-server.ts';
import { commands } from '../../../commands/index.ts';
import { BOT_TOKEN, slackDriver, startFakeSlack, TEAM } from '../../fakes/slack-api.ts';
import { createDemoOrg } from '../../helpers/demo-org.ts';

export const SECRET = 'test-signing-secret';
export const ADMIN = 'U0ADMIN';
const SUPERVISOR = 'U0SUP';

export async function startSlackApp(
  options: Partial<SlackOptions> = {},
  fakeOptions: Parameters<typeof startFakeSlack>[0] = {},
) {
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }, pino.destination(2));
  const demo = await createDemoOrg();
  await demo.link(`${TEAM}:${ADMIN}`, 'admin');
  await demo.link(`${TEAM}:${SUPERVISOR}`, 'supervisor', ['Kampala']);
  await demo.sql`update chat_identities set platform = 'slack' where external_id like ${`${TEAM}:%`}`;
  const fake = await startFakeSlack(fakeOptions);
  for (const channel of ['C0CHAN', 'C0CHARTS', 'C0DIGEST', 'C0BULK']) fake.addConversation(channel);
  const i18n = await createI18n();
  const http = await startHttpServer({
    port: 0,
    log,
    health: {},
    metrics: { contentType: 'text/plain', render: async () => '' },
  });
  const metrics = createMetrics(demo.sql);
  const dispatched = createDispatch({ commands, services: demo.services, i18n, observe: metrics.command });
  // What each request became, for tests that check an adapter's reading of Slack's payloads.
  const invocations: Invocation[] = [];
  const dispatch: typeof dispatched = (invocation) => {
    invocations.push(invocation);
    return dispatched(invocation);
  };
  const slack = await startSlack({
    botToken: BOT_TOKEN,
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    http,
    dispatch,
    dialogs: demo.dialogs,
    sql: demo.sql,
    log,
    i18n,
    workingAfterMs: 10_000,
    ...options,
  });
  const driver = slackDriver(fake, `http://127.0.0.1:${http.port}/slack/events`, SECRET);
  return {
    demo,
    fake,
    driver,
    slack,
    http,
    log,
    invocations,
    /** Resolves once the app has handled every request it received. */
    idle: () => slack.idle(),
    async close() {
      await slack.stop();
      await http.close();
      await fake.close();
      await demo.close();
    },
  };
}
