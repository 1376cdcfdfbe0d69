// bench/queries: p50/p95 of participation, results and activity through the real dispatch, for
// the supervisor of one province and for an admin, over 100,000 contacts in a five-level region
// tree and 1,000,000 answers. Data is generated in PostgreSQL directly; the poll runs' figures
// are built once, as the sync does after writing runs, and that build is timed too.
//   npx tsx bench/queries.ts
import { commands } from '../commands/index.ts';
import { createDispatch } from '../src/core/dispatch.ts';
import { createI18n } from '../src/core/i18n.ts';
import { openBigMirror } from './open-big-mirror.ts';

const ITERATIONS = Number(process.env.ITERATIONS ?? 40);

const { services, close } = await openBigMirror('bench_queries');
const dispatch = createDispatch({ commands, services, i18n: await createI18n() });

const lines: string[] = [];
for (const [who, label] of [
  ['province', 'supervisor of one province'],
  ['admin', 'admin'],
] as const) {
  for (const command of ['participation Attendance', 'results Attendance', 'activity 30']) {
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS + 3; i++) {
      const started = performance.now();
      const reply = await dispatch({ platform: 'console', userId: who, chatId: 'bench', text: command });
      if (reply.isError) throw new Error(`${command}: ${JSON.stringify(reply.blocks)}`);
      if (i >= 3) times.push(performance.now() - started); // the first runs warm caches up
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))]!.toFixed(0);
    lines.push(`| ${command.split(' ')[0]} | ${label} | ${at(0.5)} ms | ${at(0.95)} ms |`);
  }
}
console.log(['| command | as | p50 | p95 |', '|---|---|---|---|', ...lines].join('\n'));
await close();
process.exit(0);
