// Stop, start and outage trials against the real bot process (console mode), repeated:
//   A. kill -9 of the bot, then a start on the same DATA_DIR (its PostgreSQL left running);
//   B. SIGTERM: exit code and time to exit;
//   C. the embedded PostgreSQL killed with -9 while the bot runs;
//   D. an external PostgreSQL made unreachable (connections reset, new ones refused) for 0.3–8 s;
//   E. SIGTERM while a sync waits on a RapidPro that never answers (exit code, time to exit);
//   F. the database connections cut at random (half of them every 0.1–0.5 s) while a poll start
//      and a message are confirmed and sent: bot alive, contacts reached twice or not at all;
//   G. RapidPro's clock 3 h behind and ahead, every write performed and answered 504: reached twice;
//   H. a second process started with another SECRET_KEY: exit code, stored token untouched.
// Prints one table; each trial records whether the bot survived and answered afterwards.
//
//     npx tsx bench/ops-trials.ts          # CYCLES=5 by default
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { isRunning } from '../src/db/lock-data-dir.ts';
import { startEmbeddedPostgres } from '../src/db/start-embedded-postgres.ts';
import { startBot } from '../test/helpers/start-bot.ts';
import { startTcpProxy } from '../test/helpers/tcp-proxy.ts';
import { confirmedStart } from '../test/helpers/confirmed-start.ts';
import { createDemoOrg } from '../test/helpers/demo-org.ts';
import { runBot } from '../test/helpers/run-bot.ts';
import { sendOutbound } from '../src/outbox/send-outbound.ts';
import { startSimulator } from '../src/simulator/start-simulator.ts';
import { createRandom } from '../src/simulator/random.ts';

const CYCLES = Number(process.env.CYCLES ?? 5);
const ONLY = process.env.ONLY?.split(',');
const runs = (trial: string) => !ONLY || ONLY.includes(trial);
const READY = /Ready\. Type help/;
const TRY_AGAIN = /try again in a moment/;
const rows: string[][] = [];
const record = (...cells: (string | number)[]) => {
  rows.push(cells.map(String));
  console.error(cells.join(' | '));
};

const parent = mkdtempSync(path.join(tmpdir(), 'tracbot-trials-'));
chmodSync(parent, 0o755);
const dataDir = path.join(parent, 'data');
const postmaster = () => Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

try {
  // A and B, alternating on one data directory.
  for (let cycle = 1; cycle <= (runs('A') || runs('B') ? CYCLES : 0); cycle++) {
    const started = Date.now();
    const bot = startBot({ DATA_DIR: dataDir });
    await bot.waitFor(READY, 120_000);
    const ready = Date.now() - started;
    const answered = /Attendance/.test(await bot.type('polls', /Attendance/));
    if (cycle % 2 === 1) {
      const pg = postmaster();
      bot.child.kill('SIGKILL');
      await bot.exited;
      record(
        'A',
        `kill -9 #${cycle}`,
        `ready in ${(ready / 1000).toFixed(1)} s`,
        answered ? 'answered' : 'NO ANSWER',
        `PostgreSQL ${pg} left ${isRunning(pg) ? 'running' : 'stopped'}`,
      );
    } else {
      const sent = Date.now();
      bot.child.kill('SIGTERM');
      const { code, at } = await bot.exited;
      const stack = /^\s+at .+:\d+:\d+\)?$/m.test(bot.stderr());
      record(
        'B',
        `SIGTERM #${cycle}`,
        `ready in ${(ready / 1000).toFixed(1)} s (after a kill -9)`,
        answered ? 'answered' : 'NO ANSWER',
        `exit ${code} in ${at - sent} ms${stack ? ', STACK TRACE' : ''}`,
      );
    }
  }

  // C: the embedded PostgreSQL killed under a running bot.
  if (runs('C')) {
    const bot = startBot({ DATA_DIR: dataDir });
    await bot.waitFor(READY, 120_000);
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const killed = Date.now();
      const before = (bot.stderr().match(/running again/g) ?? []).length;
      process.kill(postmaster(), 'SIGKILL');
      const during = await bot.type('polls', /\S\n/).catch(() => 'no answer');
      while ((bot.stderr().match(/running again/g) ?? []).length === before) {
        if (bot.child.exitCode !== null) break;
        await sleep(50);
      }
      const back = Date.now() - killed;
      const after = await bot.type('polls', /Attendance|try again/).catch(() => 'no answer');
      record(
        'C',
        `postmaster kill -9 #${cycle}`,
        `during: ${TRY_AGAIN.test(during) ? '"try again"' : /Attendance/.test(during) ? 'answered' : during.trim().slice(0, 60)}`,
        `running again after ${back} ms`,
        `${bot.child.exitCode === null ? 'bot alive' : 'BOT EXITED'}, after: ${/Attendance/.test(after) ? 'answered' : after.trim().slice(0, 60)}`,
      );
      await sleep(6_000); // a job-scheduler polling round on the new server
    }
    bot.child.kill('SIGTERM');
    record('C', 'then SIGTERM', '', '', `exit ${(await bot.exited).code}`);
  }

  // D: an external PostgreSQL taken away and given back.
  if (runs('D')) {
    const server = await startEmbeddedPostgres({ dataDir: path.join(parent, 'external') });
    const admin = postgres(server.url, { max: 1, onnotice: () => {} });
    await admin`create database trials`;
    await admin.end();
    const target = new URL(server.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    target.port = String(proxy.port);
    target.pathname = '/trials';
    const bot = startBot({ DATABASE_URL: target.toString(), DATA_DIR: path.join(parent, 'ext-data') });
    await bot.waitFor(READY, 120_000);
    for (const [cycle, ms] of [300, 1_000, 3_000, 8_000, 15_000].slice(0, CYCLES).entries()) {
      await proxy.down();
      const during = await bot.type('polls', /\S\n/).catch(() => 'no answer');
      await sleep(ms);
      await proxy.up();
      const upAt = Date.now();
      let after = '';
      for (let i = 0; i < 4 && !/Attendance/.test(after); i++)
        after = await bot.type('polls', /Attendance|try again/).catch(() => 'no answer');
      record(
        'D',
        `outage #${cycle + 1} of ${ms} ms`,
        `during: ${TRY_AGAIN.test(during) ? '"try again"' : during.trim().slice(0, 60)}`,
        `answering ${Date.now() - upAt} ms after it returned`,
        bot.child.exitCode === null ? 'bot alive' : 'BOT EXITED',
      );
      await sleep(6_000);
    }
    bot.child.kill('SIGTERM');
    record('D', 'then SIGTERM', '', '', `exit ${(await bot.exited).code}`);
    await proxy.close();
    await server.stop();
  }
  // F, G and H make a database each, in a PostgreSQL of the trials' own.
  const shared =
    ['F', 'G', 'H'].some(runs) && !process.env.TEST_DATABASE_URL
      ? await startEmbeddedPostgres({ dataDir: path.join(parent, 'shared') })
      : null;
  if (shared) process.env.TEST_DATABASE_URL = shared.url;
  if (runs('E')) await stopDuringSync();
  if (runs('F')) await cutsUnderSends();
  if (runs('G')) await skewedClocks();
  if (runs('H')) await foreignKey();
  await shared?.stop();
} finally {
  console.log('| trial | event | measure | measure | outcome |\n|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  rmSync(parent, { recursive: true, force: true });
}

/** E: SIGTERM while a sync waits on RapidPro, which holds every request from then on. */
async function stopDuringSync() {
  let hanging = false;
  const held: (() => void)[] = [];
  const simulator = await startSimulator({
    seed: 11,
    beforeRequest: () => (hanging ? new Promise<void>((resolve) => held.push(resolve)) : undefined),
  });
  const env = {
    DATA_DIR: path.join(parent, 'stop'),
    RAPIDPRO_URL: simulator.url,
    RAPIDPRO_TOKEN: simulator.token,
    SECRET_KEY: 'ab'.repeat(32),
  };
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    const bot = startBot(env);
    await bot.waitFor(READY, 120_000);
    hanging = true;
    await bot.type('sync now', /\S/);
    while (held.length === 0) await sleep(20);
    const sent = Date.now();
    bot.child.kill('SIGTERM');
    const { code, at } = await bot.exited;
    record(
      'E',
      `SIGTERM during a sync #${cycle}`,
      `exit ${code} in ${at - sent} ms`,
      /took longer/.test(bot.stderr()) ? 'OVERRAN' : 'in time',
      '',
    );
    hanging = false;
    held.splice(0).forEach((resume) => resume());
  }
  await simulator.stop();
}

/** F: half the database connections cut every 0.1–0.5 s while a start and a message are sent. */
async function cutsUnderSends() {
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    const demo = await createDemoOrg();
    await demo.sql`update orgs set settings = settings || '{"syncEvery":{"runs":"2 seconds","contacts":"3 seconds"}}'::jsonb`;
    const target = new URL(demo.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    target.port = String(proxy.port);
    const bot = startBot(
      {
        DATABASE_URL: target.toString(),
        DATA_DIR: path.join(parent, `cuts-${cycle}`),
        RAPIDPRO_URL: demo.simulator.url,
        RAPIDPRO_TOKEN: demo.simulator.token,
        SECRET_KEY: '11'.repeat(32),
      },
      ['--json'],
    );
    await bot.waitFor(READY, 120_000);
    demo.simulator.setFaults({ answerLatencyMs: 40 });
    const random = createRandom(cycle);
    let cutting = true;
    let cuts = 0;
    const cutter = (async () => {
      while (cutting) {
        await sleep(100 + Math.floor(random() * 400));
        cuts += proxy.cut(0.5, random);
      }
    })();
    const button = (answer: string) => /"command":"((?:start|send) #[^"]+)"/.exec(answer)?.[1];
    const insist = async (line: string, wanted: RegExp) => {
      for (let i = 0; i < 8; i++) {
        const answer = await bot.type(line, new RegExp(`${wanted.source}|try again|No answer`), 40_000).catch(() => '');
        if (wanted.test(answer)) return answer;
      }
      return '';
    };
    const started = Date.now();
    await insist(button(await insist('start Attendance Kampala', /Start now/)) ?? 'help', /queued|already/);
    await insist(
      button(await insist('message Enrolment latest Kampala all Drill', /Send to/)) ?? 'help',
      /queued|Sending|already|RapidPro/,
    );
    for (let i = 0; i < 5; i++) await bot.type('polls', /Attendance|try again|No answer/, 40_000).catch(() => '');
    cutting = false;
    await cutter;
    const unsent = async () =>
      (
        await demo.sql<
          { n: number }[]
        >`select count(*)::int as n from outbound_messages where state in ('pending', 'sending')`
      )[0]!.n;
    while ((await unsent()) > 0 && bot.child.exitCode === null && Date.now() - started < 300_000) await sleep(500);
    const reached = new Map<string, number>();
    for (const start of demo.simulator.store.flowStarts)
      if (String(start.params.tracbot_batch ?? '').startsWith('tracbot:'))
        for (const uuid of start.contacts) reached.set(`start:${uuid}`, (reached.get(`start:${uuid}`) ?? 0) + 1);
    for (const message of demo.simulator.store.messages)
      if (message.direction === 'out' && message.text === 'Drill')
        reached.set(`text:${message.contactUuid}`, (reached.get(`text:${message.contactUuid}`) ?? 0) + 1);
    const [asked] = await demo.sql<{ n: number }[]>`
      select count(*)::int as n from outbound_batches b join outbound_messages m on m.id = b.message_id
      cross join unnest(b.contact_uuids) where m.state <> 'draft'`;
    const twice = [...reached.values()].filter((n) => n > 1).length;
    record(
      'F',
      `connections cut at random #${cycle}`,
      `${cuts} connections cut in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      `${reached.size} of ${asked!.n} deliveries, ${twice} twice`,
      bot.child.exitCode === null ? 'bot alive' : 'BOT EXITED',
    );
    bot.child.kill('SIGTERM');
    await bot.exited;
    await proxy.close();
    await demo.close();
  }
}

/** G: RapidPro's clock hours off ours; every write is performed and answered 504, then looked up. */
async function skewedClocks() {
  for (const hours of [-3, 3]) {
    const demo = await createDemoOrg({ now: () => new Date(Date.now() + hours * 3_600_000) });
    for (const kind of ['poll_start', 'broadcast'] as const) {
      const text = kind === 'broadcast' ? `Skew ${hours}` : undefined;
      const { messageId, uuids, key } = await confirmedStart(demo, 1_000, {
        kind,
        text,
        seed: 5,
        idempotencyKey: `skew:${kind}`,
        phonePrefix: kind === 'broadcast' ? '+25673' : '+25674',
      });
      const deps = { ...demo.syncDeps, outbox: { settleMs: 0 } };
      demo.simulator.setFaults({ rate504AfterWrite: 1 });
      for (let pass = 0; pass < 10; pass++) await sendOutbound(deps, messageId);
      demo.simulator.setFaults({});
      await sendOutbound(deps, messageId);
      const counts = new Map<string, number>();
      if (kind === 'poll_start') {
        for (const start of demo.simulator.store.flowStarts)
          if (String(start.params.tracbot_batch ?? '').startsWith(`tracbot:${key}:`))
            for (const uuid of start.contacts) counts.set(uuid, (counts.get(uuid) ?? 0) + 1);
      } else {
        for (const message of demo.simulator.store.messages)
          if (message.direction === 'out' && message.text === text)
            counts.set(message.contactUuid, (counts.get(message.contactUuid) ?? 0) + 1);
      }
      record(
        'G',
        `RapidPro ${hours > 0 ? `${hours} h ahead` : `${-hours} h behind`}, ${kind}`,
        '10 writes performed and answered 504',
        `${counts.size} of ${uuids.length} reached`,
        `${[...counts.values()].filter((n) => n > 1).length} twice`,
      );
    }
    await demo.close();
  }
}

/** H: a second process with another SECRET_KEY on the same database. */
async function foreignKey() {
  const demo = await createDemoOrg();
  const before = (await demo.sql<{ t: string }[]>`select api_token_encrypted as t from orgs`)[0]!.t;
  const env = (key: string) => ({
    DATABASE_URL: demo.url,
    DATA_DIR: path.join(parent, `key-${key.slice(0, 2)}`),
    RAPIDPRO_URL: demo.simulator.url,
    RAPIDPRO_TOKEN: demo.simulator.token,
    SECRET_KEY: key,
  });
  const second = await runBot('polls\n', env('cd'.repeat(32)));
  const after = (await demo.sql<{ t: string }[]>`select api_token_encrypted as t from orgs`)[0]!.t;
  const first = await runBot('sync status\n', env('11'.repeat(32)));
  record(
    'H',
    'second process, another SECRET_KEY',
    `exit ${second.code}: ${/could not start: (.{0,60})/.exec(second.stderr)?.[1] ?? second.stderr.slice(0, 60)}…`,
    before === after ? 'stored token untouched' : 'STORED TOKEN REWRITTEN',
    `first process after it: exit ${first.code}, ${/cannot read the stored/.test(first.stdout) ? 'SYNC BROKEN' : 'syncs'}`,
  );
  await demo.close();
}
