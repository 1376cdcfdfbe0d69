// Stop, start and outage trials against the real bot process (console mode), repeated:
//   A. kill -9 of the bot, then a start on the same DATA_DIR (its PostgreSQL left running);
//   B. SIGTERM: exit code and time to exit;
//   C. the embedded PostgreSQL killed with -9 while the bot runs;
//   D. an external PostgreSQL made unreachable (connections reset, new ones refused) for 0.3–8 s.
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

const CYCLES = Number(process.env.CYCLES ?? 5);
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
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
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
  {
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
  {
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
} finally {
  console.log('| trial | event | measure | measure | outcome |\n|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  rmSync(parent, { recursive: true, force: true });
}
