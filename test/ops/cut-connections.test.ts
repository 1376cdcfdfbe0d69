// The bot's database connections cut at random points — in the middle of sends (the sender's
// lock connection included), syncs every few seconds, and commands as they are typed — through
// a proxy in front of PostgreSQL. The process lives through all of it, every command is answered
// (with "try again" at worst), and every contact gets the poll and the message exactly once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRandom } from '../../src/simulator/random.ts';
import { createDemoOrg } from '../helpers/demo-org.ts';
import { startBot, type RunningBot } from '../helpers/start-bot.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';
import { scaled } from '../helpers/slowness.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const READY = /Ready\. Type help/;
const ANSWERED = /is queued|Sent:|already confirmed|Asked|Attendance|try again|No answer within/;

/** The command behind a reply's first button (the console in --json mode prints them). */
const firstButton = (answer: string) => /"buttons":\[\{"label":"[^"]*","command":"([^"]+)"/.exec(answer)![1]!;

/** Types `line` until its answer is not "try again" (at most a few times); returns the answer. */
async function insist(bot: RunningBot, line: string, wanted: RegExp): Promise<string> {
  let answer = '';
  for (let attempt = 0; attempt < 8; attempt++) {
    answer = await bot.type(line, new RegExp(`${wanted.source}|try again|No answer within`), 40_000);
    // The reply that matched: a late answer to an earlier line may be printed around it.
    if (wanted.test(answer)) return answer.split('\n').find((line) => wanted.test(line)) ?? answer;
  }
  assert.fail(`"${line}" never answered ${wanted}: ${answer}`);
}

test('connections cut at random during sends, syncs and commands: the bot lives, nothing is lost or doubled', {
  timeout: scaled(300_000),
}, async (t) => {
  const demo = await createDemoOrg();
  t.after(() => demo.close());
  // Syncs every few seconds, so cuts land in them too.
  await demo.sql`
    update orgs set settings = settings || ${JSON.stringify({ syncEvery: { runs: '2 seconds', contacts: '3 seconds', inbox: '3 seconds' } })}::jsonb`;
  const target = new URL(demo.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  target.port = String(proxy.port);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracbot-cuts-'));
  const bot = startBot(
    {
      DATABASE_URL: target.toString(),
      DATA_DIR: dataDir,
      RAPIDPRO_URL: demo.simulator.url,
      RAPIDPRO_TOKEN: demo.simulator.token,
      SECRET_KEY: '11'.repeat(32),
    },
    ['--json'],
  );
  t.after(async () => {
    bot.child.kill('SIGKILL');
    await proxy.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await bot.waitFor(READY, 120_000);
  // RapidPro acts on a write and answers a moment later: a cut then lands mid-request.
  demo.simulator.setFaults({ answerLatencyMs: 40 });

  const random = createRandom(31);
  let cutting = true;
  let cuts = 0;
  const cutter = (async () => {
    while (cutting) {
      await sleep(100 + Math.floor(random() * 400));
      cuts += proxy.cut(0.5, random);
    }
  })();

  // A confirmation's button is typed as its command, which can be repeated safely (it carries the
  // confirmation's key): a "try again" after pressing it says nothing of whether it was taken.
  const start = await insist(bot, 'start Attendance Kampala', /Start now/);
  await insist(bot, firstButton(start), /is queued|already confirmed/);
  for (let i = 0; i < 3; i++) await bot.type('participation Attendance today', ANSWERED, 40_000);
  const message = await insist(bot, 'message Enrolment latest Kampala all Chaos drill, please ignore', /Send to/);
  await insist(bot, firstButton(message), /queued|Sending|already|RapidPro/);
  for (let i = 0; i < 3; i++) await bot.type('polls', ANSWERED, 40_000);
  cutting = false;
  await cutter;
  assert.ok(cuts >= 10, `${cuts} connections cut`);
  assert.equal(bot.child.exitCode, null, `the bot exited:\n${bot.stderr()}`);

  // Everything confirmed is sent in the end (the reconciler carries on what a cut interrupted).
  const messages = async () =>
    demo.sql<{ uuid: string; kind: string; state: string; text: string | null }[]>`
      select uuid, kind, state, text from outbound_messages where state <> 'draft' order by id`;
  let states: string[] = [];
  await waitUntil(
    async () => {
      assert.equal(bot.child.exitCode, null, `the bot exited:\n${bot.stderr()}`);
      states = (await messages()).map((m) => `${m.kind} ${m.state}`);
      return states.every((state) => state.endsWith(' sent'));
    },
    'every confirmed message sent',
    60_000,
  ).catch((error: Error) => assert.fail(`${error.message}: ${states.join(', ')}\n${bot.stderr().slice(-3000)}`));
  const sent = await messages();
  assert.deepEqual(
    sent.map((m) => m.kind),
    ['poll_start', 'broadcast'],
  );
  const asked = await demo.sql<{ uuid: string }[]>`
    select c.uuid from outbound_batches b join outbound_messages m on m.id = b.message_id
    cross join unnest(b.contact_uuids) as c(uuid) where m.kind = 'poll_start'`;
  const started = new Map<string, number>();
  for (const start of demo.simulator.store.flowStarts)
    if (String(start.params.tracbot_batch ?? '').startsWith(`tracbot:${sent[0]!.uuid}:`))
      for (const uuid of start.contacts) started.set(uuid, (started.get(uuid) ?? 0) + 1);
  assert.deepEqual(
    { reached: started.size, twice: [...started.values()].filter((n) => n > 1).length },
    { reached: asked.length, twice: 0 },
  );
  const texted = new Map<string, number>();
  for (const message of demo.simulator.store.messages)
    if (message.direction === 'out' && message.text === sent[1]!.text)
      texted.set(message.contactUuid, (texted.get(message.contactUuid) ?? 0) + 1);
  assert.ok(texted.size > 0);
  assert.equal([...texted.values()].filter((n) => n > 1).length, 0, 'nobody got the message twice');

  bot.child.kill('SIGTERM');
  assert.equal((await bot.exited).code, 0, bot.stderr());
});
