import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { replyText, createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg({ pageSize: 100 });
});
after(() => demo?.close());

const countResponses = async () => (await demo.sql<{ n: number }[]>`select count(*)::int as n from responses`)[0]!.n;

test('fetch-runs brings back the runs of the last days only, reporting progress in one message', async () => {
  const all = await countResponses();
  await demo.sql`delete from poll_runs`;
  assert.equal(await countResponses(), 0);

  const reply = await demo.run('admin', 'fetch-runs 10');
  assert.match(demo.text(reply), /Fetching the runs of the last 10 days/);
  const [message] = [...demo.notifier.messages.values()];
  assert.ok(message, 'a progress message was posted');
  assert.match(replyText(message.versions[0]!), /^Fetching old runs: 0 runs · 0%$/);
  const last = replyText(message.versions.at(-1)!);
  const fetched = Number(/Old runs fetched: ([\d,]+) runs of the last 10 days/.exec(last)?.[1]?.replace(/,/g, ''));
  assert.ok(fetched > 0, last);

  // The demo's history is 1, 8, 15 and 22 days old: ten days reach the first two rounds only.
  const days = await demo.sql<{ days: number }[]>`select count(distinct day)::int as days from poll_runs`;
  assert.equal(days[0]!.days, 2);
  const recent = demo.simulator.store
    .listRuns()
    .filter((r) => r.modifiedOn.getTime() > Date.now() - 10 * 86_400_000).length;
  assert.equal(fetched, recent);

  await demo.run('admin', 'fetch-runs 30');
  assert.equal(await countResponses(), all);
});

test('fetch-runs wants a sensible number of days, and an admin', async () => {
  assert.match(
    demo.text(await demo.run('admin', 'fetch-runs')),
    /number of days from 1 to 3,650[\s\S]*Usage: fetch-runs <days>/,
  );
  assert.match(demo.text(await demo.run('admin', 'fetch-runs lots')), /number of days/);
  assert.match(demo.text(await demo.run('admin', 'fetch-runs 0')), /number of days/);
  assert.match(demo.text(await demo.run('kampala-supervisor', 'fetch-runs 5')), /Only admins/);
});
