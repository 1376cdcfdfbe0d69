// A changed SECRET_KEY and a changed RAPIDPRO_TOKEN, as an operator makes them: each is said in
// words with what to do; a new token RapidPro accepts replaces the stored one, one it refuses
// does not.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createSecretBox } from '../../src/core/secrets.ts';
import { startSimulator } from '../../src/simulator/start-simulator.ts';
import { runBot } from '../helpers/run-bot.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { scaled } from '../helpers/slowness.ts';

const KEY = 'ab'.repeat(32);
const OTHER_KEY = 'cd'.repeat(32);

test('RAPIDPRO_TOKEN replaces the stored token once RapidPro accepts it; another SECRET_KEY refuses to start and overwrites nothing; a key said lost is told in words at start-up and in sync status', {
  timeout: scaled(180_000),
}, async (t) => {
  const database = await createTestDatabase();
  const simulator = await startSimulator({ seed: 5, token: 'current-token' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracbot-keys-'));
  t.after(async () => {
    await simulator.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const env = (secretKey: string, token: string) => ({
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    RAPIDPRO_URL: simulator.url,
    RAPIDPRO_TOKEN: token,
    SECRET_KEY: secretKey,
  });
  const storedToken = async (key: string) =>
    createSecretBox(key).open((await database.sql<{ t: string }[]>`select api_token_encrypted as t from orgs`)[0]!.t);

  const first = await runBot('', env(KEY, 'current-token'));
  assert.equal(first.code, 0, first.stderr);

  // The workspace's token was rotated: the stored one is old, the environment has the new one.
  await database.sql`update orgs set api_token_encrypted = ${createSecretBox(KEY).seal('old-token')}`;
  const rotated = await runBot('', env(KEY, 'current-token'));
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.match(
    rotated.stderr,
    /RAPIDPRO_TOKEN differs from the token stored for .+: RapidPro accepted it, and it now replaces the stored one\./,
  );
  assert.equal(await storedToken(KEY), 'current-token');

  // A mistyped token: refused by RapidPro, reported, and the stored one kept.
  const mistyped = await runBot('', env(KEY, 'mistyped-token'));
  assert.equal(mistyped.code, 0, mistyped.stderr);
  assert.match(
    mistyped.stderr,
    /RAPIDPRO_TOKEN differs from the token stored for .+, but RapidPro refuses it \(HTTP 403\): the stored token stays in use\. Check RAPIDPRO_TOKEN\./,
  );
  assert.equal(await storedToken(KEY), 'current-token');

  // A second process started with another SECRET_KEY (and a token RapidPro accepts) refuses to
  // start and says why; it leaves the stored token as it was, so the first process goes on.
  const sealedBefore = (await database.sql<{ t: string }[]>`select api_token_encrypted as t from orgs`)[0]!.t;
  const foreign = await runBot('sync status\n', env(OTHER_KEY, 'current-token'));
  assert.equal(foreign.code, 1, foreign.stderr);
  assert.match(
    foreign.stderr,
    /TracBot could not start: this SECRET_KEY cannot read the RapidPro token stored for .+: it was stored with another key\. Every TracBot process on this database must use the same SECRET_KEY: start this one with the key the others use\. .*SECRET_KEY_LOST=yes/,
  );
  assert.doesNotMatch(foreign.stdout, /Ready/);
  const [after] = await database.sql<{ t: string }[]>`select api_token_encrypted as t from orgs`;
  assert.equal(after!.t, sealedBefore, 'the stored token is untouched');
  assert.equal(await storedToken(KEY), 'current-token');

  // SECRET_KEY lost for good (said so), and no usable token given: said at start-up and by `sync status`.
  const lostEnv = (secretKey: string, token: string) => ({ ...env(secretKey, token), SECRET_KEY_LOST: 'yes' });
  const lost = await runBot('sync status\nsync now\n', lostEnv(OTHER_KEY, 'mistyped-token'));
  assert.equal(lost.code, 0, lost.stderr);
  assert.match(
    lost.stderr,
    /The stored RapidPro token of .+ cannot be decrypted with this SECRET_KEY: it was stored with another key\. .*Set SECRET_KEY back to the key used before/,
  );
  assert.match(
    lost.stdout,
    /TracBot cannot read the stored RapidPro token: the server's SECRET_KEY has changed since it was saved\. The operator must set the previous SECRET_KEY again/,
  );
  assert.doesNotMatch(
    lost.stdout + lost.stderr,
    /Something went wrong|Unsupported state or unable to authenticate data/,
  );

  // The right token given again under the new key: stored under it, and all is well.
  const healed = await runBot('sync status\n', lostEnv(OTHER_KEY, 'current-token'));
  assert.equal(healed.code, 0, healed.stderr);
  assert.match(
    healed.stderr,
    /could not be decrypted with this SECRET_KEY \(it was stored with another key\); RAPIDPRO_TOKEN, which RapidPro accepted, is stored in its place\./,
  );
  // The first sync with it succeeded; on a busy machine one of the schedules that started with
  // the bot may still hold an entity, which start-up says instead of "Synced in" (both mean the
  // token works: a refused one ends in "The first sync did not finish for …").
  assert.match(healed.stderr, /Synced in|A sync of [a-z, ]+ that started with TracBot is still running/);
  assert.doesNotMatch(healed.stdout, /SECRET_KEY/);
  assert.equal(await storedToken(OTHER_KEY), 'current-token');

  // Now the old key is the foreign one.
  const old = await runBot('', env(KEY, 'current-token'));
  assert.equal(old.code, 1, old.stderr);
  assert.equal(await storedToken(OTHER_KEY), 'current-token');
});
