// A separate process that fires a burst of RapidPro requests through a budgeted client, for the
// pacing test: `pace-worker <rates as JSON> <count> <start at epoch ms>`. Each burst is `count`
// runs pages and `count` groups pages at once, starting together with the other workers.
// Reads DATABASE_URL, RAPIDPRO_URL, RAPIDPRO_TOKEN.
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb } from '../../src/db/client.ts';
import { createRapidProClient } from '../../src/rapidpro/create-client.ts';
import { createPacer, ratesOf } from '../../src/rapidpro/create-pacer.ts';

const [rates, count, startAt] = [JSON.parse(process.argv[2]!), Number(process.argv[3]), Number(process.argv[4])];
const { sql, close } = createDb(process.env.DATABASE_URL!, { max: 4 });
const pacer = createPacer({ sql, workspace: 'org:1', lane: 'background', rates: ratesOf(rates) });
const rapidpro = createRapidProClient({
  url: process.env.RAPIDPRO_URL!,
  token: process.env.RAPIDPRO_TOKEN!,
  pacer,
  backoffLimitMs: 50,
});
await sleep(Math.max(0, startAt - Date.now()));
const first = <T>(pages: AsyncGenerator<T>) => pages.next();
await Promise.all(
  Array.from({ length: count }, (_, i) => [
    first(rapidpro.runs({ uuid: `burst-${process.pid}-${i}` })),
    first(rapidpro.groups()),
  ]).flat(),
);
await close();
process.exit(0);
