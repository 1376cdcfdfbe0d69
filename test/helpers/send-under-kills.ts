// An outbox send carried out by worker processes killed with SIGKILL at random points, each
// replaced by a new one, until the message is sent: what the chaos tests put the sender through.
import { setTimeout as sleep } from 'node:timers/promises';
import type { DemoOrg } from './demo-org.ts';
import { startWorker } from './start-worker.ts';

/** The outbox's settle time in test/helpers/worker.ts: how long a dead sender's batch is left alone. */
const SETTLE_MS = 300;

/** Kills the first `killed` workers a random 0–`withinMs` ms after they start sending; returns the message's state and the kills. */
export async function sendUnderKills(
  demo: DemoOrg,
  messageId: number,
  options: { random: () => number; withinMs: number; killed?: number },
): Promise<{ state: string; kills: number }> {
  const stateOf = async () =>
    (await demo.sql<{ state: string }[]>`select state from outbound_messages where id = ${messageId}`)[0]!.state;
  // Each worker is loaded while the one before it sends, and let go once that one is dead: a
  // restart as prompt as a process manager's, without a process's start-up in every round.
  const prepare = () => startWorker(demo, ['send', String(messageId), 'on-go']);
  let next = prepare();
  let kills = 0;
  try {
    for (let attempt = 0; attempt < 60; attempt++) {
      const worker = next;
      const since = new Date();
      worker.go();
      next = prepare();
      let exited = false;
      void worker.exited.then(() => (exited = true));
      if (attempt < (options.killed ?? 12)) {
        // Wait until it is sending, then kill it a few milliseconds later: often while RapidPro
        // has acted on a batch and not yet answered.
        while (!exited) {
          const [sending] = await demo.sql<{ n: number }[]>`
            select count(*)::int as n from outbound_batches where message_id = ${messageId} and attempted_at > ${since.toISOString()}`;
          if (sending!.n > 0) break;
          await sleep(5);
        }
        await sleep(Math.floor(options.random() * options.withinMs));
        if (!exited) {
          worker.child.kill('SIGKILL');
          kills++;
        }
      }
      await worker.exited;
      if ((await stateOf()) === 'sent') break;
      // The next sender would otherwise find the dead one's batch too fresh to look up, and
      // leave it for later.
      await sleep(SETTLE_MS);
    }
  } finally {
    next.child.kill('SIGKILL');
  }
  return { state: await stateOf(), kills };
}
