// A transaction sent in one round trip keeps all of its statements or none.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runInOneTrip } from '../../src/db/run-in-one-trip.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
  await database.sql`create table trips (n int primary key)`;
});
after(() => database?.drop());

const count = async () => (await database.sql<{ n: number }[]>`select count(*)::int as n from trips`)[0]!.n;

test('every statement runs, in order, and each one’s rows come back', async () => {
  const [inserted, seen] = await runInOneTrip(database.sql, (tx) => [
    tx`insert into trips values (1), (2) returning n`,
    tx`select count(*)::int as n from trips`,
  ]);
  assert.deepEqual(
    inserted!.map((row) => row.n),
    [1, 2],
  );
  // The second statement saw the first one's rows: they ran one after the other, in one transaction.
  assert.equal(seen![0]!.n, 2);
  assert.equal(await count(), 2);
});

test('a statement that fails undoes the ones before it and is the error thrown', async () => {
  await assert.rejects(
    runInOneTrip(database.sql, (tx) => [tx`insert into trips values (3)`, tx`insert into trips values (1)`]),
    /duplicate key/,
  );
  assert.equal(await count(), 2, 'the row inserted before the failure is not kept');
  // The connection went back to the pool with no transaction left open: every connection works.
  const answers = await Promise.all(Array.from({ length: 5 }, () => database.sql`select 1 as one`));
  assert.deepEqual(
    answers.map((rows) => rows[0]!.one),
    [1, 1, 1, 1, 1],
  );
  const [kept] = await runInOneTrip(database.sql, (tx) => [tx`insert into trips values (3) returning n`]);
  assert.equal(kept![0]!.n, 3);
});
