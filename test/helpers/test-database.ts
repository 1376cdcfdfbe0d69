// The tests' databases, and how tests wait — the conventions every test file follows:
//
// - A database per test file (or per test that needs a clean one): `createTestDatabase()`, in the
//   PostgreSQL that test/run.ts started (or DATABASE_URL), dropped again with `drop()`. test/run.ts
//   migrates one template database per run and each test database is a copy of it (CREATE
//   DATABASE … TEMPLATE, a file copy, no migrations); a file run without test/run.ts migrates its
//   own database instead. A database can also be kept as a template and copied (what the scope
//   mutation tool does to set its worlds up once).
// - Wait on the thing you assert — a row, a request a fake received, a line in a process's output,
//   a process's exit — never on a fixed sleep that assumes an idle machine. A time limit on such a
//   wait is a guard against hanging, not the point of the test: give it with room and pass it
//   through `scaled()` (test/helpers/slowness.ts), which stretches it by this run's measured
//   slowness; `waitUntil()` (test/helpers/wait-until.ts) polls a condition that way. The same
//   goes for a test's `timeout` and for an upper bound on how soon the code meets its own limit.
// - Ordering assertions compare the order of events, not their times.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, migrateDb } from '../../src/db/client.ts';

const adminUrlOf = () => {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('run the tests with `npm test` (it starts PostgreSQL) or set DATABASE_URL');
  return url;
};

const urlOf = (adminUrl: string, name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** A copy of the template `from` (by default the run's migrated one), or a new migrated database. */
export async function createTestDatabase(from = process.env.TEST_TEMPLATE_DATABASE) {
  const adminUrl = adminUrlOf();
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(from ? `create database ${name} template ${from}` : `create database ${name}`);
  const url = urlOf(adminUrl, name);
  const { db, sql, close } = createDb(url, { max: 5 });
  if (!from) await migrateDb(db);
  return {
    url,
    db,
    sql,
    async drop() {
      await close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
    /** Closes the database and keeps it as the template `template` (replacing one of that name). */
    async keepAs(template: string) {
      await close();
      await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.unsafe(`alter database ${name} rename to ${template}`);
      await admin.end();
    },
  };
}

export type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/**
 * A migrated database for createTestDatabase to copy, made once per run by test/run.ts. Nobody
 * may stay connected to a template while it is copied, so it is closed to connections once made.
 */
export async function createTemplateDatabase(adminUrl: string) {
  const name = `test_template_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const { db, close } = createDb(urlOf(adminUrl, name), { max: 2 });
  await migrateDb(db);
  await close();
  await admin.unsafe(`alter database ${name} with allow_connections false`);
  return {
    name,
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Drops the templates kept with `keepAs`. */
export async function dropTemplates(names: string[]) {
  const admin = postgres(adminUrlOf(), { max: 1, onnotice: () => {} });
  for (const name of names) await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
