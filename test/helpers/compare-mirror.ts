// The mirror against the simulator, row by row: contacts (name, status, language, groups,
// region), and for every run the response status and each answer's value and category.
import assert from 'node:assert/strict';
import type { Sql } from '../../src/db/client.ts';
import { toResponseStatus } from '../../src/domain/run-status.ts';
import type { SimulatorStore } from '../../src/simulator/store.ts';

export async function assertMirrorMatches(sql: Sql, store: SimulatorStore): Promise<void> {
  const contacts = await sql<
    { uuid: string; name: string | null; status: string; language: string | null; groups: string[]; deleted: boolean }[]
  >`
    select uuid, name, status, language, group_uuids as groups, is_deleted as deleted from contacts`;
  const mirrored = new Map(contacts.map((c) => [c.uuid, c]));
  for (const contact of store.contacts.values()) {
    const row = mirrored.get(contact.uuid);
    if (contact.deleted) {
      assert.ok(!row || row.deleted, `contact ${contact.uuid} was deleted in RapidPro`);
      continue;
    }
    assert.ok(row && !row.deleted, `contact ${contact.uuid} missing`);
    assert.deepEqual(
      { name: row.name, status: row.status, language: row.language, groups: [...row.groups].sort() },
      { name: contact.name, status: contact.status, language: contact.language, groups: [...contact.groups].sort() },
      `contact ${contact.uuid}`,
    );
  }
  assert.equal(
    contacts.filter((c) => !c.deleted).length,
    store.listContacts().length,
    'no contact RapidPro does not have',
  );

  const rows = await sql<
    { run: string; status: string; answers: { key: string; value: string | null; category: string | null }[] | null }[]
  >`
    select r.run_uuid as run, r.status,
      (select json_agg(json_build_object('key', q.result_key, 'value', a.value, 'category', a.category))
       from answers a join questions q on q.id = a.question_id where a.response_id = r.id) as answers
    from responses r where r.run_uuid is not null`;
  const responses = new Map(rows.map((r) => [r.run, r]));
  // A contact with two runs of one poll on one day keeps its current one, the run created last
  // (whenever either was last modified): index the current run per slot.
  const newest = new Map<string, string>();
  const byCreation = (a: { createdOn: Date; uuid: string }, b: { createdOn: Date; uuid: string }) =>
    a.createdOn.getTime() - b.createdOn.getTime() || (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0);
  for (const run of [...store.runs.values()].sort(byCreation)) {
    newest.set(
      `${run.flowUuid}:${run.contactUuid}:${run.startUuid ?? run.createdOn.toISOString().slice(0, 10)}`,
      run.uuid,
    );
  }
  for (const uuid of newest.values()) {
    const run = store.runs.get(uuid)!;
    const row = responses.get(uuid);
    assert.ok(row, `run ${uuid} has no response`);
    assert.equal(
      row.status,
      toResponseStatus({ exitType: run.exitType, answered: Object.keys(run.values).length }),
      `status of run ${uuid}`,
    );
    const answers = Object.fromEntries(
      (row.answers ?? []).map((a) => [a.key, { value: a.value, category: a.category }]),
    );
    const expected = Object.fromEntries(
      Object.entries(run.values).map(([key, v]) => [key, { value: v.value, category: v.category }]),
    );
    assert.deepEqual(answers, expected, `answers of run ${uuid}`);
  }
}
