// Admin dialogs as Slack modals: opened by the command typed without its arguments, filled in
// through the real Bolt app against the fake Slack Web API, refused beside the field at fault.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { TEAM } from '../../fakes/slack-api.ts';
import { ADMIN, startSlackApp } from './start-slack-app.ts';
import { waitUntil } from '../../helpers/wait-until.ts';

let app: Awaited<ReturnType<typeof startSlackApp>>;
let demo: typeof app.demo;
let fake: typeof app.fake;
let driver: typeof app.driver;
before(async () => {
  app = await startSlackApp();
  ({ demo, fake, driver } = app);
});
after(() => app?.close());

const text = (value: unknown) => JSON.stringify(value);

/** A modal's select options in block `block`, by their label. */
const optionsOf = (view: Record<string, any>, block: number) =>
  new Map<string, string>(
    view.blocks[block].element.options.map((o: { text: { text: string }; value: string }) => [o.text.text, o.value]),
  );

/**
 * Submits a modal and returns the verdict as the ack carries it: `{}` (closed) or
 * `{ response_action: 'errors', errors }`. A verdict that takes longer than the app's ack budget
 * (on a busy machine) comes as "checking…" and then a views.update of the form, with the error
 * beside its field, or of the outcome: it is read from there into the same shape.
 */
async function submit(id: string, values: Parameters<typeof driver.submit>[2]) {
  const since = fake.calls.length;
  const ack = await driver.submit(ADMIN, id, values);
  if (ack.body.response_action !== 'update') return ack.body;
  const update = await fake.waitForCall('views.update', (c) => fake.calls.indexOf(c) >= since && c.body.view_id === id);
  const errors = Object.fromEntries(
    (update.body.view.blocks as { block_id?: string; elements?: { text: string }[] }[])
      .filter((b) => b.block_id?.endsWith(':error'))
      .map((b) => [b.block_id!.slice(0, -':error'.length), b.elements![0]!.text]),
  );
  return Object.keys(errors).length > 0 ? { response_action: 'errors', errors } : {};
}

async function openModal(line: string, user = ADMIN) {
  fake.reset();
  await driver.slash(user, line).send();
  const opened = await fake.waitForCall('views.open');
  assert.equal(opened.result, 'ok');
  const updated = await fake.waitForCall('views.update');
  assert.equal(updated.result, 'ok', text(updated));
  return {
    id: updated.body.view_id as string,
    view: fake.views.get(updated.body.view_id)!.view,
    loading: opened.body.view,
  };
}

test('setup connect opens a modal; RapidPro’s verdict shows beside the field; the token never reaches the channel', async () => {
  const { id, view, loading } = await openModal('setup connect');
  assert.equal(loading.title.text, 'Connect RapidPro');
  assert.match(text(loading.blocks), /Loading/);
  assert.deepEqual(
    view.blocks.map((b: { block_id: string }) => b.block_id),
    ['url', 'token'],
  );

  const wrong = await submit(id, { url: demo.simulator.url, token: 'not-the-token' });
  assert.equal(wrong.response_action, 'errors');
  assert.match(wrong.errors.token, /RapidPro refused that token/);
  const unreachable = await submit(id, { url: 'http://127.0.0.1:9', token: 'abc' });
  assert.match(unreachable.errors.url, /Could not reach RapidPro/);

  const right = await submit(id, { url: demo.simulator.url, token: demo.simulator.token });
  assert.deepEqual(right, {});
  const confirmation = await fake.waitForCall('chat.postEphemeral', (c) => c.body.channel === 'C0CHAN');
  assert.match(text(confirmation.body.blocks), /Connected to Demo Schools/);
  assert.ok(!text(fake.calls).includes(demo.simulator.token), 'the token went to no Slack method');
  assert.equal(fake.responses.length, 0);
});

test('choosing polls: the current ones are ticked; choosing none is refused on the field; a new choice is saved', async () => {
  const { id, view } = await openModal('setup polls');
  const element = view.blocks[0].element;
  assert.equal(element.type, 'multi_static_select');
  const byName = new Map<string, string>(
    element.options.map((o: { text: { text: string }; value: string }) => [o.text.text, o.value]),
  );
  const ticked = (element.initial_options ?? []).map((o: { text: { text: string } }) => o.text.text).sort();
  const current = await demo.sql<
    { flow_name: string }[]
  >`select flow_name from polls where org_id = ${demo.org.id} and is_active order by flow_name`;
  assert.deepEqual(
    ticked,
    current.map((p) => p.flow_name),
  );

  const none = await submit(id, { chosen: [] });
  assert.equal(none.response_action, 'errors');
  assert.ok(none.errors.chosen, 'the error is beside the list');

  const keep = current.map((p) => byName.get(p.flow_name)!).slice(0, 1);
  assert.deepEqual(await submit(id, { chosen: keep }), {});
  // Taking polls away is asked first, to the admin alone; pressing its button saves.
  const question = await fake.waitForCall('chat.postEphemeral', (c) => /Take polls away/.test(text(c.body.blocks)));
  const confirm = JSON.parse(text(question.body.blocks)).flatMap((b: { elements?: { value?: string }[] }) =>
    (b.elements ?? []).map((e) => e.value),
  )[0] as string;
  assert.equal(
    (await demo.sql`select 1 from polls where org_id = ${demo.org.id} and is_active`).length,
    current.length,
  );
  await driver.click(ADMIN, confirm, { actionId: 'confirm:0' });
  const count = async () => (await demo.sql`select 1 from polls where org_id = ${demo.org.id} and is_active`).length;
  await waitUntil(async () => (await count()) === 1, 'the choice saved');
  const active = await demo.sql`select flow_name from polls where org_id = ${demo.org.id} and is_active`;
  assert.deepEqual(
    active.map((p) => p.flow_name),
    [current[0]!.flow_name],
  );
  // Put the demo's polls back for the tests that follow.
  await demo.run('admin', `setup polls ${current.map((p) => `"${p.flow_name}"`).join(' ')}`);
});

test('more than 100 groups: the select searches as the admin types', async () => {
  for (let i = 1; i <= 120; i++)
    demo.simulator.store.groups.push({
      uuid: randomUUID(),
      name: `Cluster ${String(i).padStart(3, '0')}`,
      query: null,
    });
  // Offered once the groups sync has read them.
  await demo.sync();
  const { id, view } = await openModal('setup regions');
  const element = view.blocks[0].element;
  assert.equal(element.type, 'multi_external_select');
  assert.ok(element.initial_options.length > 0, 'the current regions are ticked');
  const found = await driver.suggest(ADMIN, id, 'chosen', 'cluster 11');
  assert.deepEqual(
    found.body.options.map((o: { text: { text: string } }) => o.text.text),
    [
      'Cluster 110',
      'Cluster 111',
      'Cluster 112',
      'Cluster 113',
      'Cluster 114',
      'Cluster 115',
      'Cluster 116',
      'Cluster 117',
      'Cluster 118',
      'Cluster 119',
    ],
  );
  const all = await driver.suggest(ADMIN, id, 'chosen', '');
  assert.equal(all.body.options.length, 100, 'never more than Slack shows');
});

test('arranging the region tree: a cycle is refused beside the parent field', async () => {
  const { id, view } = await openModal('setup parent');
  const options = (block: number) => optionsOf(view, block);
  const regions = options(0);
  const parents = options(1);
  assert.ok(parents.has('(top level)'));
  // Central contains Kampala: putting Central under Kampala would make a loop.
  const cycle = await submit(id, { region: regions.get('Central')!, parent: parents.get('Kampala')! });
  assert.equal(cycle.response_action, 'errors');
  assert.match(cycle.errors.parent, /Kampala/);
  assert.deepEqual(await submit(id, { region: regions.get('Kampala')!, parent: parents.get('Central')! }), {});
});

test('linking a region to a map boundary: a modal of regions and drawable boundaries', async () => {
  const { id, view } = await openModal('setup boundary');
  const options = (block: number) => optionsOf(view, block);
  const boundaries = options(1);
  assert.ok(boundaries.has("(its own name's boundary)"));
  assert.ok(boundaries.has('Kampala (R3001)'));
  assert.deepEqual(
    await submit(id, {
      region: options(0).get('Nakawa')!,
      boundary: boundaries.get('Kampala (R3001)')!,
    }),
    {},
  );
  const [row] = await demo.sql<{ osm: string }[]>`
    select b.osm_id as osm from regions r join boundaries b on b.id = r.boundary_id
    where r.name = 'Nakawa' and r.org_id = ${demo.org.id}`;
  assert.equal(row?.osm, 'R3001');
  await demo.run('admin', 'setup boundary Nakawa none');
});

test('adding a supervisor: a person picked from Slack and their regions', async () => {
  const { id, view } = await openModal('supervisor add');
  assert.equal(view.blocks[0].element.type, 'users_select');
  const regions = optionsOf(view, 1);
  assert.deepEqual(await submit(id, { user: { user: 'U0NEWSUP' }, regions: [regions.get('Gulu')!] }), {});
  const [row] = await demo.sql<{ role: string; regions: string[] }[]>`
    select i.role, array_agg(r.name) as regions from chat_identities i join identity_regions ir on ir.identity_id = i.id join regions r on r.id = ir.region_id
    where i.platform = 'slack' and i.external_id = ${`${TEAM}:U0NEWSUP`} group by i.id`;
  assert.deepEqual(row, { role: 'supervisor', regions: ['Gulu'] });
  // The admin cannot be made a supervisor: said beside the person.
  const admin = await submit(id, { user: { user: ADMIN }, regions: [regions.get('Gulu')!] });
  assert.ok(admin.errors.user);
});

test('a supervisor who types an admin dialog’s command is told it is for admins', async () => {
  const { view } = await openModal('setup polls', 'U0SUP');
  assert.match(text(view.blocks), /admin/i);
  assert.ok(!view.submit, 'nothing to submit');
});
