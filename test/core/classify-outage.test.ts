import assert from 'node:assert/strict';
import { test } from 'node:test';
import postgres from 'postgres';
import { classifyOutage } from '../../src/core/classify-outage.ts';
import { createSecretBox } from '../../src/core/secrets.ts';
import { findFreePort } from '../../src/db/start-embedded-postgres.ts';

test('a refused connection, as postgres.js reports it and drizzle wraps it, is "database unavailable"', async () => {
  const sql = postgres(`postgres://x:y@127.0.0.1:${await findFreePort()}/z`, { max: 1, connect_timeout: 2 });
  const error = await sql`select 1`.catch((e: unknown) => e);
  await sql.end();
  assert.equal(classifyOutage(error), 'errors.databaseUnavailable');
  assert.equal(classifyOutage(new Error('Failed query: select 1', { cause: error })), 'errors.databaseUnavailable');
});

test('a server shutting down (57P01) or starting (57P03) is "database unavailable"; a query error is not', () => {
  assert.equal(
    classifyOutage(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })),
    'errors.databaseUnavailable',
  );
  assert.equal(
    classifyOutage(Object.assign(new Error('the database system is starting up'), { code: '57P03' })),
    'errors.databaseUnavailable',
  );
  assert.equal(classifyOutage(Object.assign(new Error('duplicate key'), { code: '23505' })), null);
  assert.equal(classifyOutage(new Error('boom')), null);
  assert.equal(classifyOutage(undefined), null);
});

test('a token sealed with another key is "secret key changed"', () => {
  const sealed = createSecretBox('11'.repeat(32)).seal('token');
  let error: unknown;
  try {
    createSecretBox('22'.repeat(32)).open(sealed);
  } catch (e) {
    error = e;
  }
  assert.equal(classifyOutage(error), 'errors.secretKeyChanged');
  assert.equal(classifyOutage(new Error('sync failed', { cause: error })), 'errors.secretKeyChanged');
});
