// Processes die and multiply: a killed sync resumes from its checkpoint with nothing lost or
// doubled, and two processes on one database never sync the same window twice.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { DEFAULT_SYNC_MARGIN_MINUTES } from '../../src/db/queries/read-sync-margin.ts';
import { backfillRuns } from '../../src/rapidpro/sync/backfill-runs.ts';
import { assertMirrorMatches } from '../helpers/compare-mirror.ts';
import { createDemoOrg } from '../helpers/demo-org.ts';
import { startWorker } from '../helpers/start-worker.ts';
import { scaled } from '../helpers/slowness.ts';

test('a backfill killed mid-page resumes to the same result, nothing lost or doubled', {
  timeout: scaled(120_000),
}, async (t) => {
  const demo = await createDemoOrg({ pageSize: 25 });
  t.after(() => demo.close());
  await demo.sql`delete from poll_runs`;
  demo.simulator.setFaults({ latencyMs: 15 });

  const worker = startWorker(demo, ['backfill', String(demo.org.id), '30']);
  // Kill it once it has saved a cursor part-way through a window.
  for (let i = 0; i < 400; i++) {
    const [row] = await demo.sql<
      { n: number }[]
    >`select count(*)::int as n from sync_checkpoints where entity like 'backfill:%' and cursor is not null`;
    if (row!.n > 0 && (await demo.sql`select 1 from responses limit 1`).length > 0) break;
    await sleep(25);
  }
  worker.child.kill('SIGKILL');
  assert.equal(await worker.exited, -1);
  const [partial] = await demo.sql<{ n: number }[]>`select count(*)::int as n from responses`;
  const inProgress =
    await demo.sql`select entity from sync_checkpoints where entity like 'backfill:%' and window_end is not null`;
  assert.ok(inProgress.length > 0, 'the killed backfill left a window in progress');
  assert.ok(partial!.n > 0, 'some pages were written before the kill');

  demo.simulator.setFaults({});
  await backfillRuns(demo.syncDeps, demo.org.id, 30, async () => {});
  await assertMirrorMatches(demo.sql, demo.simulator.store);
  const [doubles] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from (select run_uuid from responses group by run_uuid having count(*) > 1) d`;
  assert.equal(doubles!.n, 0);
});

test('two processes on one database sync each window once, and one carries on when the other is killed', {
  timeout: scaled(120_000),
}, async (t) => {
  const demo = await createDemoOrg();
  t.after(() => demo.close());
  // Keep RapidPro changing so every window has work.
  const ticker = setInterval(() => {
    const contact = demo.simulator.store.listContacts()[0]!;
    demo.simulator.store.editContact(contact.uuid, { name: `${contact.name}.` });
  }, 100);
  t.after(() => clearInterval(ticker));
  const workers = [
    startWorker(demo, ['schedule', String(demo.org.id), '4']),
    startWorker(demo, ['schedule', String(demo.org.id), '10']),
  ];
  assert.equal(await workers[0]!.exited, 0);
  const firstStopped = Date.now();
  // The survivor carries on alone; then it is killed too, with no chance to unlock, and a third
  // process takes over.
  const windowAfter = (worker: (typeof workers)[number], at: number) =>
    worker.lines().some((l) => l.msg === 'sync window done' && Date.parse(l.before as string) > at);
  for (let waited = 0; !windowAfter(workers[1]!, firstStopped) && waited < 20_000; waited += 100) await sleep(100);
  workers[1]!.child.kill('SIGKILL');
  const killedAt = Date.now();
  const third = startWorker(demo, ['schedule', String(demo.org.id), '6']);
  workers.push(third);
  assert.equal(await third.exited, 0);

  const windows = workers.flatMap((w, index) =>
    w
      .lines()
      .filter((l) => l.msg === 'sync window done')
      .map((l) => ({
        worker: index,
        entity: l.entity as string,
        after: l.after as string,
        before: l.before as string,
      })),
  );
  const contactWindows = windows.filter((w) => w.entity === 'contacts');
  assert.ok(contactWindows.length >= 3, `${contactWindows.length} contact windows`);
  assert.ok(windowAfter(workers[1]!, firstStopped), 'the second process carried on alone');
  assert.ok(
    windows.some((w) => w.worker === 2 && Date.parse(w.before) > killedAt),
    'a new process took over from a killed one',
  );
  for (const entity of new Set(windows.map((w) => w.entity))) {
    const chain = windows.filter((w) => w.entity === entity).sort((a, b) => a.before.localeCompare(b.before));
    // Each window starts the sync margin before the previous one ended (late commits are fetched
    // again), never earlier: no window is repeated. A window is logged once committed, so the
    // killed process may have committed one more than it logged: only there, at the third
    // process's first window, may the chain skip ahead.
    for (let i = 1; i < chain.length; i++) {
      const [previous, current] = [chain[i - 1]!, chain[i]!];
      const expected = new Date(Date.parse(previous.before) - DEFAULT_SYNC_MARGIN_MINUTES * 60_000).toISOString();
      const takesOver = current.worker === 2 && previous.worker !== 2;
      if (takesOver) assert.ok(current.after >= expected, `${entity} window ${i} repeats an earlier one`);
      else assert.equal(current.after, expected, `${entity} window ${i}`);
      assert.ok(current.before > previous.before, `${entity} window ${i} moves on`);
    }
  }
  // The last one drained: no job is left locked for the next process to wait on.
  const [locked] = await demo.sql<
    { n: number }[]
  >`select count(*)::int as n from agenda_jobs where locked_at is not null`;
  assert.equal(locked!.n, 0);
});
