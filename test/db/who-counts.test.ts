// Who counts, written once: each rule of the domain is one SQL fragment or function, and every
// place that shows it agrees. A test per rule, through the commands that use it.
//   - countedContact (src/db/queries/counted-contact.ts): active, not deleted, in a region;
//   - answerSql (src/db/queries/derive-answers.ts): an answer from a response's value, written
//     by the runs sync and the flows sync alike, and not written again when it would not change;
//   - reporterGroupNames (src/db/queries/reporter-group-names.ts);
//   - filterContacts (src/db/queries/filter-contacts.ts): field=value and group= filters;
//   - narrowScope (src/core/resolve.ts): a region named by the user, with those below it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { narrowScope } from '../../src/core/resolve.ts';
import type { Reply } from '../../src/core/reply.ts';
import { derivePollAnswers, lockAnswers } from '../../src/db/queries/derive-answers.ts';
import { localDay } from '../../src/domain/local-day.ts';
import { buildRegionTree } from '../../src/domain/region-tree.ts';
import type { RapidProRun } from '../../src/rapidpro/schemas.ts';
import { toResponse } from '../../src/rapidpro/sync/to-response.ts';
import { writeRuns } from '../../src/rapidpro/sync/write-runs.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

const csvRows = (reply: Reply) => {
  const file = reply.blocks.find((b) => b.type === 'file');
  assert.ok(file?.type === 'file', demo.text(reply));
  return parse(file.data, { columns: true, bom: true }) as Record<string, string>[];
};
const field = (reply: Reply, label: string) => {
  const fields = reply.blocks.flatMap((b) => (b.type === 'fields' ? b.fields : []));
  const found = fields.find((f) => f.label === label);
  assert.ok(found, `${label} in ${demo.text(reply)}`);
  return found.value;
};

test('a contact counts when active, not deleted and in a region: in figures, lists, exports and sends alike', async () => {
  // A Kawempe contact (of a name of their own) asked in Attendance's latest run, with a baseline
  // for the indicators.
  const [who] = await demo.sql<{ id: number; name: string; day: string }[]>`
    select c.id, c.name, pr.day::text as day
    from contacts c join regions g on g.id = c.region_id join responses r on r.contact_id = c.id
    join poll_runs pr on pr.id = r.poll_run_id join polls p on p.id = pr.poll_id
    where g.name = 'Kawempe' and p.name = 'Attendance' and c.status = 'active'
      and (select count(*) from contacts x where x.name = c.name) = 1
      and pr.day = (select max(day) from poll_runs x where x.poll_id = p.id)
      and exists (select 1 from answers a join questions q on q.id = a.question_id join responses rr on rr.id = a.response_id
                  where rr.contact_id = c.id and q.name = 'Boys enrolled')
    order by c.id limit 1`;
  assert.ok(who, 'a Kawempe contact asked in the latest Attendance who gave a baseline');
  const views = async () => {
    const run = (line: string) => demo.run('admin', line);
    const poll = demo.text(await run('poll Attendance'));
    return {
      participation: Number(field(await run(`participation Attendance ${who.day} Kawempe`), 'Asked')),
      poll: Number(new RegExp(`^${who.day}: [^\\n]*\\((\\d+)\\)$`, 'm').exec(poll)?.[1]),
      export: csvRows(await run(`export Attendance ${who.day} Kawempe`)).some((r) => r.Contact === who.name),
      contacts: demo.text(await run('contacts Kawempe')).includes(who.name),
      message: Number(field(await run(`message Attendance ${who.day} Kawempe all Hello`), 'Contacts')),
      start: Number(field(await run('start Attendance Kawempe'), 'Contacts')),
      indicators: demo.text(await run('indicators "Boys enrolled" "Boys present" Kawempe')),
    };
  };
  const counted = await views();
  assert.equal(counted.export, true);
  assert.equal(counted.contacts, true);
  for (const [change, undo] of [
    [
      demo.sql`update contacts set status = 'blocked' where id = ${who.id}`,
      demo.sql`update contacts set status = 'active' where id = ${who.id}`,
    ],
    [
      demo.sql`update contacts set is_deleted = true where id = ${who.id}`,
      demo.sql`update contacts set is_deleted = false where id = ${who.id}`,
    ],
    [
      demo.sql`update contacts set region_id = null where id = ${who.id}`,
      demo.sql`update contacts set region_id = (select id from regions where name = 'Kawempe') where id = ${who.id}`,
    ],
  ] as const) {
    await change;
    const left = await views();
    await undo;
    assert.deepEqual(
      { ...left, indicators: left.indicators === counted.indicators },
      {
        participation: counted.participation - 1,
        poll: counted.poll - 1,
        export: false,
        contacts: false,
        message: counted.message - 1,
        start: counted.start - 1,
        indicators: false,
      },
    );
  }
});

test('answers come from a response’s values one way, whichever sync writes them, and are not rewritten unchanged', async () => {
  const snapshot = () =>
    demo.sql<{ id: number; xmin: string }[]>`select id, xmin::text from answers order by id`.then((rows) =>
      rows.map((r) => `${r.id}:${r.xmin}`).join(','),
    );
  const written = await snapshot();
  // The flows sync derives every answer of each poll again from the same values: nothing to change.
  const polls = await demo.sql<{ id: number }[]>`select id from polls`;
  await demo.db.transaction(async (tx) => {
    await lockAnswers(tx, demo.org.id);
    for (const poll of polls) await derivePollAnswers(tx, poll.id);
  });
  assert.equal(await snapshot(), written, 'the flows sync derived an answer differently from the runs sync');

  // A later run of a contact replaces their response; answers it gives the same are left as they are.
  const flow = demo.simulator.store.flows.find((f) => f.name === 'Attendance')!;
  let run: RapidProRun | undefined;
  for await (const page of demo.rapidpro.runs({ flow: flow.uuid, paths: false })) {
    run = page.results.find((r) => !r.start && Object.keys(r.values).length > 0);
    if (run) break;
  }
  assert.ok(run, 'a run with answers');
  const again = { ...run, uuid: randomUUID(), created_on: new Date(run.created_on.getTime() + 1000) };
  const [poll] = await demo.sql<{ id: number }[]>`select id from polls where uuid = ${flow.uuid}`;
  const counts = await writeRuns(
    demo.syncDeps,
    {
      orgId: demo.org.id,
      pollIdByFlow: new Map([[flow.uuid, poll!.id]]),
      universal: new Map(),
      starts: new Map(),
      findStart: async () => ({ pollRunId: null }),
    },
    [
      {
        uuid: again.uuid,
        modified_on: again.modified_on,
        run: again,
        response: toResponse(again),
        day: localDay(again.created_on, demo.org.timezone),
      },
    ],
  );
  assert.deepEqual([counts.responses, counts.answers], [1, 0], 'the response replaced, no answer written');
  const [replaced] = await demo.sql`select 1 from responses where run_uuid = ${again.uuid}`;
  assert.ok(replaced, 'the later run is the response now');
  assert.equal(await snapshot(), written, 'an unchanged answer was written again');
});

test('a contact’s reporter groups read the same in contact, export and export contacts', async () => {
  const [who] = await demo.sql<{ id: number; name: string; day: string }[]>`
    select c.id, c.name, pr.day::text as day from contacts c join responses r on r.contact_id = c.id
    join poll_runs pr on pr.id = r.poll_run_id join polls p on p.id = pr.poll_id
    where p.name = 'Attendance' and c.status = 'active' and not c.is_deleted and c.region_id is not null
      and (select count(*) from contacts x where x.name = c.name) = 1
    order by pr.day desc, c.id limit 1`;
  await demo.sql`update contacts set reporter_group_ids = (select array_agg(id order by name desc) from reporter_groups) where id = ${who!.id}`;
  const groups = 'Head Teachers, Teachers';
  assert.equal(field(await demo.run('admin', `contact #${who!.id}`), 'Reporter group'), groups);
  const mine = (rows: Record<string, string>[]) => rows.find((r) => r.Contact === who!.name)?.['Reporter group'];
  assert.equal(mine(csvRows(await demo.run('admin', `export Attendance ${who!.day}`))), groups);
  assert.equal(mine(csvRows(await demo.run('admin', 'export contacts'))), groups);
});

test('field and group filters keep the same contacts in results and in the export', async () => {
  const [truth] = await demo.sql<{ day: string; n: number; yes: number }[]>`
    select pr.day::text as day, count(*)::int as n,
           count(*) filter (where exists (select 1 from answers a join questions q on q.id = a.question_id
                                          where a.response_id = r.id and q.result_key = 'open' and a.category = 'Yes'))::int as yes
    from responses r join contacts c on c.id = r.contact_id join poll_runs pr on pr.id = r.poll_run_id
    join polls p on p.id = pr.poll_id
    where p.name = 'School Status' and c.status = 'active' and not c.is_deleted and c.region_id is not null
      and lower(c.fields ->> 'gender') = 'female'
      and (select id from reporter_groups where name = 'Teachers') = any(c.reporter_group_ids)
      and pr.day = (select max(day) from poll_runs x where x.poll_id = p.id)
    group by pr.day`;
  assert.ok(truth && truth.n > 0, 'female teachers were asked');
  const filter = `"School Status" ${truth.day} gender=FEMALE group=teachers`;
  assert.equal(csvRows(await demo.run('admin', `export ${filter}`)).length, truth.n);
  assert.match(demo.text(await demo.run('admin', `results ${filter}`)), new RegExp(`^Yes: ${truth.yes} `, 'm'));
});

test('a region named narrows the scope to it and the regions below; none keeps the scope', () => {
  const regions = buildRegionTree([
    { id: 1, name: 'Central', parentId: null },
    { id: 2, name: 'Kampala', parentId: 1 },
    { id: 3, name: 'Kawempe', parentId: 2 },
    { id: 4, name: 'Wakiso', parentId: 1 },
  ]);
  const scope = { all: false as const, regionIds: [1, 2, 3, 4] };
  assert.deepEqual(narrowScope({ regions, scope }, regions.byId.get(2)!), { all: false, regionIds: [2, 3] });
  assert.equal(narrowScope({ regions, scope }, null), scope);
});
