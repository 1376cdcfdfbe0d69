// A fresh database per test file, in the PostgreSQL that test/run.ts started (or DATABASE_URL),
// with the committed migrations applied. Dropped again at the end.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, migrateDb } from '../../src/db/client.ts';

export async function createTestDatabase() {
  const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('run the tests with `npm test` (it starts PostgreSQL) or set DATABASE_URL');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const { db, sql, close } = createDb(url.toString(), { max: 5 });
  await migrateDb(db);
  return {
    url: url.toString(),
    db,
    sql,
    async drop() {
      await close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
