import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';

let demo: DemoOrg;
before(async () => {
  demo = await createDemoOrg();
});
after(() => demo?.close());

test('setup shows what is chosen and what RapidPro offers', async () => {
  const text = demo.text(await demo.run('admin', 'setup'));
  assert.match(text, /^Polls: Attendance, Enrolment, Feedback, School Status$/m);
  assert.match(text, /^Reporter groups: Head Teachers, Teachers$/m);
  assert.match(text, /Kampala \(Central\)/);
  assert.match(text, /^Groups: .*Donors/m);
});

test('choosing reporter groups re-derives every contact’s group', async () => {
  const before = await demo.sql<
    { n: number }[]
  >`select count(*)::int as n from contacts where reporter_group_ids <> '{}'`;
  assert.ok(before[0]!.n > 0);
  const reply = await demo.run('admin', 'setup reporters Teachers --confirm');
  assert.equal(reply.isError, undefined, demo.text(reply));
  const rows = await demo.sql<{ name: string; n: number }[]>`
    select coalesce(g.name, '-') as name, count(*)::int as n from contacts c
    left join reporter_groups g on g.id = any(c.reporter_group_ids) group by 1 order by 1`;
  assert.deepEqual(
    rows.map((r) => r.name),
    ['-', 'Teachers'],
  );
  await demo.run('admin', 'setup reporters "Head Teachers" Teachers');
  const restored = await demo.sql<
    { n: number }[]
  >`select count(*)::int as n from contacts where reporter_group_ids <> '{}'`;
  assert.equal(restored[0]!.n, before[0]!.n);
});

test('the region tree can be rearranged, never into a cycle', async () => {
  const cycle = await demo.run('admin', 'setup parent Central Kawempe');
  assert.match(demo.text(cycle), /Kawempe is already below Central/);
  const moved = await demo.run('admin', 'setup parent Wakiso Kampala');
  assert.match(demo.text(moved), /Wakiso is now under Kampala/);
  const scoped = demo.text(await demo.run('kampala-supervisor', 'participation Attendance'));
  assert.match(scoped, /Wakiso: /, 'the Kampala supervisor now sees Wakiso');
  await demo.run('admin', 'setup parent Wakiso Central');
});

test('setup is for admins; unknown names get a suggestion', async () => {
  const denied = await demo.run('kampala-supervisor', 'setup');
  assert.match(demo.text(denied), /Only admins/);
  const typo = await demo.run('admin', 'setup polls Atendance');
  assert.match(demo.text(typo), /Did you mean “Attendance”/);
});

test('setup connect checks the token with RapidPro, stores it sealed, and never shows it', async () => {
  const { url, token } = demo.simulator;
  const wrong = await demo.run('admin', `setup connect ${url} 0000000000deadbeef`);
  assert.equal(wrong.isError, true);
  assert.match(demo.text(wrong), /RapidPro refused that token/);
  assert.doesNotMatch(demo.text(wrong), /deadbeef/);
  assert.match(demo.text(await demo.run('admin', 'setup connect ftp://example.org abc')), /is not a web address/);
  assert.match(
    demo.text(await demo.run('admin', 'setup connect http://127.0.0.1:9 abc')),
    /Could not reach RapidPro at http:\/\/127\.0\.0\.1:9/,
  );
  assert.match(
    demo.text(await demo.run('admin', `setup connect ${url}`)),
    /Write: setup connect <RapidPro address> <API token>/,
  );
  assert.match(demo.text(await demo.run('kampala-supervisor', `setup connect ${url} ${token}`)), /Only admins/);

  const right = await demo.run('admin', `setup connect ${url}/ ${token}`);
  assert.equal(right.isError, undefined, demo.text(right));
  assert.equal(right.private, true);
  assert.match(demo.text(right), /^Connected to Demo Schools \(time zone Africa\/Kampala\)\./m);
  assert.doesNotMatch(demo.text(right), new RegExp(token));
  const [org] = await demo.sql<
    { apiUrl: string; sealed: string }[]
  >`select api_url as "apiUrl", api_token_encrypted as sealed from orgs`;
  assert.equal(org!.apiUrl, url);
  assert.ok(org!.sealed.startsWith('v1.') && !org!.sealed.includes(token), 'stored sealed');

  // The audit log records the change and the address, never the token.
  const log = demo.text(await demo.run('admin', 'audit 1'));
  assert.match(log, /admin · changed the setup · RapidPro connection address: http/);
  assert.doesNotMatch(log, new RegExp(token));
  const [entries] = await demo.sql<
    { n: number }[]
  >`select count(*)::int as n from audit_log where details::text like ${'%' + token + '%'}`;
  assert.equal(entries!.n, 0);
});
