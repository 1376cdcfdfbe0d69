// An org is its RapidPro workspace (the uuid workspace.json gives), not the address it is reached
// at: another spelling of the address, or a new host name, finds the same org and keeps all it
// holds; an org stored twice before (same token, two spellings) stops syncing the duplicate; and
// `setup connect` never ties one workspace to two orgs, nor an org to another workspace.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { syncGroupsJob } from '../../jobs/sync-groups.ts';
import { ensureOrg } from '../../src/bootstrap/ensure-org.ts';
import { createSecretBox } from '../../src/core/secrets.ts';
import { orgs, regions } from '../../src/db/schema/index.ts';
import { connectWorkspace } from '../../src/rapidpro/connect-workspace.ts';
import { createRapidProClient } from '../../src/rapidpro/create-client.ts';
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts';
import { silentLog } from '../helpers/demo-org.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let database: TestDatabase;
let simulator: Simulator;
let other: Simulator;
const received: URL[] = [];
const secrets = createSecretBox('22'.repeat(32));
before(async () => {
  database = await createTestDatabase();
  simulator = await startSimulator({ seed: 5, beforeRequest: (url) => void received.push(url) });
  other = await startSimulator({ seed: 6 });
});
after(async () => {
  await other?.stop();
  await simulator?.stop();
  await database?.drop();
});

const ensure = (url: string, token = simulator.token) =>
  ensureOrg({ db: database.db, sql: database.sql, secrets, url, token });

test('another spelling of the address, or a new host name, is the same org with everything it holds', async () => {
  const first = await ensure(simulator.url);
  assert.equal(first.workspaceUuid, simulator.store.workspace.uuid);
  await database.db.insert(regions).values({ orgId: first.id, uuid: 'g-1', name: 'Kampala' });

  const port = new URL(simulator.url).port;
  for (const url of [`${simulator.url}/`, `${simulator.url}//`, `http://localhost:${port}`]) {
    const again = await ensure(url);
    assert.equal(again.id, first.id, url);
    assert.equal(again.apiUrl, url.replace(/\/+$/, ''), 'the new address is stored');
  }
  assert.equal((await database.db.select().from(orgs)).length, 1);
  assert.equal((await database.db.select().from(regions).where(eq(regions.orgId, first.id))).length, 1);
});

test('an org stored twice before, on one token, is synced once', async () => {
  // What the address-keyed start made of a trailing slash: a second org on the same token.
  const [original] = await database.db.select().from(orgs);
  await database.db.update(orgs).set({ workspaceUuid: null }).where(eq(orgs.id, original!.id));
  const [duplicate] = await database.db
    .insert(orgs)
    .values({ name: 'Demo Schools', apiUrl: `${simulator.url}/`, apiTokenEncrypted: secrets.seal(simulator.token) })
    .returning();
  const org = await ensure(`${simulator.url}/`);
  assert.equal(org.id, original!.id, 'the first one is the workspace’s org');
  const [marked] = await database.db.select().from(orgs).where(eq(orgs.id, duplicate!.id));
  assert.equal(marked!.settings.sameWorkspaceAs, original!.id);

  const rapidpro = createRapidProClient({ url: simulator.url, token: simulator.token });
  const deps = {
    db: database.db,
    sql: database.sql,
    log: silentLog,
    now: () => new Date(),
    rapidproFor: async () => rapidpro,
  };
  received.length = 0;
  assert.deepEqual(await syncGroupsJob.run(deps as never, { orgId: duplicate!.id }), { duplicate: 1 });
  assert.equal(received.length, 0, 'the duplicate asked RapidPro nothing');
  const synced = await syncGroupsJob.run(deps as never, { orgId: original!.id });
  assert.ok(synced && (synced.groups ?? 0) > 0);
});

test('setup connect refuses another workspace’s token, and a workspace another org follows', async () => {
  const [org] = await database.db.select().from(orgs).where(eq(orgs.workspaceUuid, simulator.store.workspace.uuid));
  await assert.rejects(connectWorkspace({ db: database.db, secrets }, org!.id, other.url, other.token), {
    key: 'errors.setupOtherWorkspace',
  });
  const second = await ensure(other.url, other.token);
  assert.notEqual(second.id, org!.id);
  await database.db.update(orgs).set({ workspaceUuid: null }).where(eq(orgs.id, second.id));
  await assert.rejects(
    connectWorkspace({ db: database.db, secrets }, second.id, `${simulator.url}/`, simulator.token),
    {
      key: 'errors.setupWorkspaceTaken',
    },
  );
  // The same workspace at a new address is fine.
  const port = new URL(simulator.url).port;
  await connectWorkspace({ db: database.db, secrets }, org!.id, `http://localhost:${port}/`, simulator.token);
  const [moved] = await database.db.select().from(orgs).where(eq(orgs.id, org!.id));
  assert.equal(moved!.apiUrl, `http://localhost:${port}`);
});
