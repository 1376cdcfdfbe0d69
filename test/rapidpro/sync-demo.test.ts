// Syncing the demo workspace gives a mirror that matches the simulator, row for row, and stays
// matched through edits, deletions, progressing runs and injected failures.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { toResponseStatus } from '../../src/domain/run-status.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

async function assertMirrorMatches() {
  const store = demo.simulator.store;
  const contacts = await demo.sql<
    { uuid: string; name: string | null; status: string; region: string | null; groups: string[] }[]
  >`
    select c.uuid, c.name, c.status, r.name as region, c.group_uuids as groups
    from contacts c left join regions r on r.id = c.region_id where not c.is_deleted`;
  const live = store.listContacts();
  assert.equal(contacts.length, live.length, 'contact count');
  const byUuid = new Map(contacts.map((c) => [c.uuid, c]));
  for (const contact of live) {
    const row = byUuid.get(contact.uuid);
    assert.ok(row, `contact ${contact.uuid} missing`);
    assert.equal(row.name, contact.name);
    assert.equal(row.status, contact.status);
    assert.deepEqual([...row.groups].sort(), [...contact.groups].sort());
    assert.equal(row.region, contact.fields.district, `region of ${contact.uuid}`);
  }

  const responses = await demo.sql<{ run: string; status: string; answers: number }[]>`
    select r.run_uuid as run, r.status, (select count(*)::int from answers a where a.response_id = r.id) as answers
    from responses r where r.run_uuid is not null`;
  const runs = store.listRuns();
  const mirrored = new Map(responses.map((r) => [r.run, r]));
  // One response per run, except a contact's older run on the same day for the same poll.
  for (const run of runs) {
    const row = mirrored.get(run.uuid);
    if (!row) continue;
    assert.equal(
      row.status,
      toResponseStatus({ exitType: run.exitType, answered: Object.keys(run.values).length }),
      `status of run ${run.uuid}`,
    );
    assert.equal(row.answers, Object.keys(run.values).length, `answers of run ${run.uuid}`);
  }
  const distinctPerDay = new Set(
    runs.map((r) => `${r.flowUuid}:${r.contactUuid}:${r.startUuid ?? r.createdOn.toISOString().slice(0, 10)}`),
  );
  assert.ok(
    Math.abs(responses.length - distinctPerDay.size) <= 2,
    `${responses.length} responses for ${distinctPerDay.size} runs`,
  );
}

test('the first sync mirrors every contact, membership, response and answer', async () => {
  await assertMirrorMatches();
  const questions = await demo.sql<
    { poll: string; key: string; type: string; categories: string[]; position: number }[]
  >`
    select p.name as poll, q.result_key as key, q.type, q.categories, q.position
    from questions q join polls p on p.id = q.poll_id order by p.name, q.position`;
  assert.deepEqual(
    questions.map((q) => `${q.poll}/${q.key}:${q.type}:${q.categories.join('|')}`),
    [
      'Attendance/boys:numeric:Few|Normal|Many|Other',
      'Attendance/girls:numeric:Few|Normal|Many|Other',
      'Enrolment/boysEnrolled:numeric:Small|Medium|Large|Other',
      'Enrolment/girlsEnrolled:numeric:Small|Medium|Large|Other',
      'Feedback/needs:open:',
      'School Status/open:categorical:Yes|No|Other',
      'School Status/water:categorical:Yes|No|Other',
    ],
  );
  const [rules] = await demo.sql<{ rules: unknown }[]>`select rules from questions where result_key = 'boys'`;
  assert.deepEqual(rules!.rules, [
    { category: 'Few', type: 'lt', value: 10 },
    { category: 'Normal', type: 'between', min: 10, max: 40 },
    { category: 'Many', type: 'gt', value: 40 },
  ]);
  const [inbox] = await demo.sql<{ n: number }[]>`select count(*)::int as n from inbox_messages`;
  assert.equal(inbox!.n, demo.simulator.store.messages.filter((m) => m.direction === 'in' && !m.flowUuid).length);
});

test('edits, deletions and progressing runs are picked up by the next sync, through 429s and 500s', async () => {
  const store = demo.simulator.store;
  const [first, second] = store.listContacts().filter((c) => c.status === 'active');
  const kawempe = store.groups.find((g) => g.name === 'Kawempe')!.uuid;
  const teachers = store.groups.find((g) => g.name === 'Teachers')!.uuid;
  store.editContact(first!.uuid, {
    name: 'Edited Name',
    status: 'stopped',
    groups: [kawempe, teachers],
    fields: { ...first!.fields, district: 'Kawempe' },
  });
  store.deleteContact(second!.uuid);
  const feedback = store.flows.find((f) => f.name === 'Feedback')!.uuid;
  const run = store
    .listRuns()
    .find((r) => r.flowUuid === feedback && r.exitType === 'expired' && Object.keys(r.values).length === 0)!;
  store.advanceRun(run.uuid, (r) => {
    r.exitType = 'completed';
    r.values.needs = {
      name: 'Needs',
      value: 'water',
      category: 'All Responses',
      node: 'n',
      time: new Date(),
      input: 'water',
    };
  });

  demo.simulator.setFaults({ rate429: 0.2, rate500: 0.1, retryAfterSeconds: 0 });
  await demo.sync();
  demo.simulator.setFaults({});

  await assertMirrorMatches();
  const [deleted] = await demo.sql<
    { is_deleted: boolean }[]
  >`select is_deleted from contacts where uuid = ${second!.uuid}`;
  assert.equal(deleted!.is_deleted, true);
  const [stopped] = await demo.sql<{ status: string; region: string }[]>`
    select c.status, r.name as region from contacts c join regions r on r.id = c.region_id where c.uuid = ${first!.uuid}`;
  assert.deepEqual({ ...stopped }, { status: 'stopped', region: 'Kawempe' });
});

test('a second sync with nothing new changes nothing and records its checkpoint', async () => {
  const before = await demo.sql`select count(*)::int as n, max(updated_on) as latest from responses`;
  await demo.sync();
  const after = await demo.sql`select count(*)::int as n, max(updated_on) as latest from responses`;
  assert.deepEqual(after, before);
  const checkpoints = await demo.sql<{ entity: string; last_error: string | null; window_end: Date | null }[]>`
    select entity, last_error, window_end from sync_checkpoints order by entity`;
  assert.ok(checkpoints.length >= 5);
  for (const c of checkpoints) {
    assert.equal(c.window_end, null, `${c.entity} finished its window`);
  }
});
