// Nobody sees or reaches what they may not. Every region's contacts carry canary values (names,
// phone numbers, facility, open answers, inbox texts; numbers and today's poll date outside
// Kampala). A supervisor of Kampala runs every command sample — as written, without its region,
// and aimed at Gulu — plus lines an attacker would try, and presses every button each reply
// offers. No canary of another region may appear in a reply's text, in a file it carries (CSV),
// in the chart configurations the renderer received, or in what RapidPro was asked to do (flow
// starts, broadcasts, contact edits). `test/security/mutate-scope.ts` removes each scope
// condition in turn and runs this file: every removal must make it fail.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ChartSpec } from '../../src/charts/chart-spec.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { SimContact } from '../../src/simulator/store.ts';
import { commands } from '../../commands/index.ts';
import { createDemoOrg, replyText, type DemoOrg } from '../helpers/demo-org.ts';
import {
  canaryFacility,
  canaryInbox,
  canaryName,
  canaryNumber,
  canaryPhone,
  canaryRegions,
  canaryWord,
  seedCanaries,
} from '../helpers/seed-canaries.ts';

const INSIDE = ['Kampala', 'Kawempe', 'Nakawa'];
const OUTSIDE = canaryRegions.filter((r) => !INSIDE.includes(r));
const DATE_REGION = 'Gulu';
const USER = 'kampala-supervisor';
// Under mutation testing the first leak is enough.
const FAIL_FAST = process.env.SCOPE_LEAK_FAIL_FAST === '1';

let demo: DemoOrg;
let members: Map<string, Set<string>>;
let canaryDay = '';
const charts: ChartSpec[] = [];

before(async () => {
  let seeded = false;
  demo = await createDemoOrg({
    beforeRequest: (_url, store) => {
      if (seeded) return;
      seeded = true;
      members = seedCanaries(store, new Date(), { inside: INSIDE, dateRegion: DATE_REGION });
    },
  });
  // A recording renderer: what a chart would show is its configuration, read here as data.
  demo.services.charts = { render: async (spec) => (charts.push(structuredClone(spec)), Buffer.from('png')) };
  canaryDay = (
    await demo.sql<{ day: string }[]>`
    select max(day)::text as day from poll_runs`
  )[0]!.day;
});
after(() => demo?.close());

interface Leak {
  line: string;
  where: string;
  what: string;
}

/** Canaries of the regions outside, each with a pattern that finds it. */
function outsidePatterns(typed: string, figures = true): { what: string; pattern: RegExp }[] {
  const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\+]/g, '\\$&');
  const patterns: { what: string; pattern: RegExp }[] = [];
  for (const region of OUTSIDE) {
    patterns.push(
      { what: `${region} contact name`, pattern: new RegExp(`${canaryName(region, 0).slice(0, -1)}\\d`, 'i') },
      { what: `${region} phone`, pattern: new RegExp(escapeRegex(canaryPhone(region, 0).slice(1, 7)) + '\\d{5}') },
      { what: `${region} facility`, pattern: new RegExp(canaryFacility(region), 'i') },
      { what: `${region} open answer`, pattern: new RegExp(canaryWord(region), 'i') },
      { what: `${region} inbox text`, pattern: new RegExp(canaryInbox(region), 'i') },
      {
        what: `${region} numeric answer`,
        pattern: new RegExp(`\\b${canaryNumber(region)}\\b|\\b70,00${canaryNumber(region) % 10}\\b`),
      },
    );
    // A region's own name, unless the line typed it (the reply may say it was not found).
    if (!new RegExp(`\\b${region}\\b`, 'i').test(typed))
      patterns.push({ what: `${region} region name`, pattern: new RegExp(`\\b${region}\\b`) });
  }
  // A poll date, not a moment of that day (the inbox shows when messages came).
  if (canaryDay && !typed.includes(canaryDay))
    patterns.push({ what: `${DATE_REGION}-only poll date`, pattern: new RegExp(`${canaryDay}(?! \\d\\d:\\d\\d)`) });
  // Kampala's figures stay below 10,000 (sums of at most ~90 head counts); a canary number mixed
  // into an average or a sum lifts it far above.
  // (Not the contact numbers a restart line lists: `contacts=63,143` names contacts 63 and 143.)
  if (figures)
    patterns.push({
      what: 'a figure mixing numbers from outside',
      pattern: /(?<!contacts=[\d,]*)(?:\b\d{2,3},\d{3}\b|\b[1-9]\d{4,5}(\.\d+)?\b(?!\d))/,
    });
  return patterns;
}

/** Numbers in a chart's data: averages mixing a canary number run far above any head count. */
function chartNumbers(spec: ChartSpec): number[] {
  return (spec.config.data?.datasets ?? []).flatMap((d) =>
    (d.data as unknown[]).flatMap((v) =>
      typeof v === 'number' ? [v] : typeof v === 'object' && v && 'y' in v && typeof v.y === 'number' ? [v.y] : [],
    ),
  );
}

function snapshot(contact: SimContact) {
  return JSON.stringify({
    name: contact.name,
    urns: contact.urns,
    fields: contact.fields,
    groups: contact.groups,
    status: contact.status,
    deleted: contact.deleted,
  });
}

const outsideUuids = () => new Set(OUTSIDE.flatMap((r) => [...members.get(r)!]));
const outsideGroupUuids = () =>
  new Set(demo.simulator.store.groups.filter((g) => OUTSIDE.includes(g.name)).map((g) => g.uuid));
const outsideUrns = () => new Set([...outsideUuids()].flatMap((u) => demo.simulator.store.contacts.get(u)?.urns ?? []));

/** Runs one line and checks everything it produced; returns the leaks and the reply. */
async function check(line: string, typed = line): Promise<{ leaks: Leak[]; reply: Reply }> {
  const store = demo.simulator.store;
  const starts = store.flowStarts.length;
  const broadcasts = store.broadcasts.length;
  const drawn = charts.length;
  const before = new Map([...outsideUuids()].map((u) => [u, snapshot(store.contacts.get(u)!)]));
  const reply = await demo.run(USER, line);
  // Background work a command queued (sends, contact edits) ran in-line through the jobs.
  const leaks: Leak[] = [];
  const patterns = outsidePatterns(typed);
  const patternsInCharts = outsidePatterns(typed, false);
  // What the line itself typed (a phone number, a name) may be echoed back: "no contact matches …".
  const echoes = typed.split(/\s+/).filter((word) => word.length >= 6);
  // Chart configurations hold sizes in pixels: their numbers are checked as data below.
  const look = (where: string, shown: string, figures = true) => {
    const text = echoes.reduce((t, word) => t.split(word).join('…'), shown);
    for (const { what, pattern } of figures ? patterns : patternsInCharts)
      if (pattern.test(text))
        leaks.push({
          line,
          where,
          what: `${what}: …${text.slice(Math.max(0, text.search(pattern) - 40), text.search(pattern) + 40)}…`,
        });
  };
  look('reply', replyText(reply));
  for (const block of reply.blocks) {
    if (block.type === 'file') look(`file ${block.filename}`, block.data.toString('utf8'));
    if (block.type === 'image') look(`image alt ${block.filename}`, block.alt);
  }
  for (const spec of charts.slice(drawn)) {
    look(`chart ${spec.filename}`, JSON.stringify(spec.config), false);
    const big = chartNumbers(spec).filter((n) => n >= 10_000);
    if (big.length > 0)
      leaks.push({
        line,
        where: `chart ${spec.filename}`,
        what: `numbers from outside: ${big.slice(0, 3).join(', ')}`,
      });
  }
  const contacts = outsideUuids();
  const groups = outsideGroupUuids();
  const urns = outsideUrns();
  for (const [kind, sent] of [
    ['flow start', store.flowStarts.slice(starts)],
    ['broadcast', store.broadcasts.slice(broadcasts)],
  ] as const) {
    for (const request of sent) {
      const reached = [
        ...request.contacts.filter((c) => contacts.has(c)),
        ...request.groups.filter((g) => groups.has(g)),
        ...request.urns.filter((u) => urns.has(u)),
      ];
      if (reached.length > 0)
        leaks.push({ line, where: `RapidPro ${kind}`, what: `${reached.length} recipients outside` });
    }
  }
  for (const [uuid, was] of before) {
    if (snapshot(store.contacts.get(uuid)!) !== was)
      leaks.push({ line, where: 'RapidPro contact edit', what: `changed ${was}` });
  }
  if (FAIL_FAST && leaks.length > 0) assert.fail(`leak: ${JSON.stringify(leaks[0])}`);
  return { leaks, reply };
}

/** The line and every button its reply offers, one level down. */
async function checkWithButtons(line: string): Promise<Leak[]> {
  const { leaks, reply } = await check(line);
  for (const block of reply.blocks) {
    if (block.type !== 'buttons') continue;
    for (const button of block.buttons) leaks.push(...(await check(button.command, `${line} ${button.command}`)).leaks);
  }
  return leaks;
}

async function outsideContactIds(region: string): Promise<number[]> {
  const rows = await demo.sql<{ id: number }[]>`
    select c.id from contacts c join regions g on g.id = c.region_id where g.name = ${region} and c.status = 'active' and not c.is_deleted order by c.id limit 2`;
  return rows.map((r) => r.id);
}

test('the canaries are there to be found: Kampala’s own show in its replies, the others’ exist in the mirror', async () => {
  const seen = [
    replyText((await check('contacts')).reply),
    replyText((await check('results Feedback latest')).reply),
    replyText((await check('inbox')).reply),
  ].join('\n');
  assert.match(seen, new RegExp(canaryName('Kawempe', 0).slice(0, -1) + '\\d'));
  assert.match(seen, new RegExp(canaryWord('Nakawa')), 'open answers of Kampala’s regions are shown');
  const [mirror] = await demo.sql<{ names: number; numbers: number; words: number }[]>`
    select (select count(*) from contacts where name like 'XqGulu%')::int as names,
           (select count(*) from answers where value_number = ${canaryNumber('Lira')})::int as numbers,
           (select count(*) from answers where value = ${canaryWord('Wakiso')})::int as words`;
  assert.ok(mirror!.names > 0 && mirror!.numbers > 0 && mirror!.words > 0, JSON.stringify(mirror));
  assert.notEqual(canaryDay, '', 'today’s Gulu-only poll date is in the mirror');
  const [gulu] = await demo.sql<{ n: number }[]>`
    select count(*)::int as n from responses r join poll_runs pr on pr.id = r.poll_run_id join contacts c on c.id = r.contact_id
    join regions g on g.id = c.region_id where pr.day = ${canaryDay}::date and g.name <> ${DATE_REGION}`;
  assert.equal(gulu!.n, 0, 'nobody outside Gulu answered on the canary date');
});

test('a Kampala supervisor never sees nor reaches another region, through any command or button', async () => {
  const [guluId, guluOther] = await outsideContactIds('Gulu');
  const [centralId] = await outsideContactIds('Central');
  const samples = commands.map((c) => c.samples[0]);
  const lines = [
    ...samples.flatMap((s) => [s, s.replace(/ Kampala\b/, ''), s.replace(/\bKampala\b/, 'Gulu')]),
    'results Attendance latest',
    'results Feedback latest',
    'results Attendance latest gender=female',
    'results Feedback latest gender=female',
    'chart Attendance latest gender=female',
    'export Attendance latest gender=female',
    'chart Attendance latest',
    'chart Feedback latest',
    'chart map Attendance latest',
    'participation Attendance latest',
    'export Attendance latest',
    'export Feedback latest',
    'nonrespondents Attendance latest',
    'polls',
    'poll Attendance',
    'indicators "Boys enrolled" "Boys present"',
    'chart indicators "Boys enrolled" "Boys present"',
    'contact Xq',
    'contact 2567',
    `contact #${guluId}`,
    `contact #${centralId}`,
    `contact edit #${guluId} name=Renamed`,
    `contact edit #${centralId} facility=Elsewhere`,
    `contact remove #${guluOther}`,
    `contact edit ${canaryPhone('Gulu', 1)} name=Renamed`,
    `reply #${guluId} hello`,
    `reply #${centralId} hello`,
    `reply ${canaryPhone('Lira', 2)} hello`,
    'message Attendance latest all Hello',
    'message Attendance latest nonrespondents Hello',
    'remind Attendance latest after 2h',
  ].filter((line, i, all) => all.indexOf(line) === i);
  const leaks: Leak[] = [];
  for (const line of lines) leaks.push(...(await checkWithButtons(line)));
  assert.deepEqual(leaks, []);
});

// Counts carry no canary of their own, so they are checked against the truth: what Kampala's own
// contacts answered, counted straight from the mirror.
test('a Kampala supervisor’s figures count Kampala’s contacts only', async () => {
  const [latest] = await demo.sql<{ day: string }[]>`
    select pr.day::text as day from poll_runs pr join polls p on p.id = pr.poll_id where p.name = 'School Status' and pr.day < ${canaryDay}::date order by pr.day desc limit 1`;
  const day = latest!.day;
  const inside = demo.sql`c.status = 'active' and not c.is_deleted and c.region_id in (select id from regions where name in ${demo.sql(INSIDE)})`;
  const [count] = await demo.sql<{ asked: number }[]>`
    select count(*)::int as asked from responses r join poll_runs pr on pr.id = r.poll_run_id join polls p on p.id = pr.poll_id
    join contacts c on c.id = r.contact_id where p.name = 'School Status' and pr.day = ${day}::date and ${inside}`;
  const participation = (await check(`participation "School Status" ${day}`)).reply;
  const shown = participation.blocks.find((b) => b.type === 'fields');
  assert.equal(
    shown?.type === 'fields' ? shown.fields[0]!.value : null,
    String(count!.asked),
    replyText(participation),
  );

  const categories = await demo.sql<{ category: string; n: number }[]>`
    select a.category, count(*)::int as n from answers a join questions q on q.id = a.question_id join responses r on r.id = a.response_id
    join poll_runs pr on pr.id = r.poll_run_id join polls p on p.id = pr.poll_id join contacts c on c.id = r.contact_id
    where p.name = 'School Status' and q.result_key = 'open' and pr.day = ${day}::date and ${inside} group by a.category`;
  for (const line of [`results "School Status" ${day}`, `results "School Status" ${day} gender=female`]) {
    const text = replyText((await check(line)).reply);
    const lines = text.split('\n');
    const start = lines.indexOf('School open');
    if (line.includes('gender')) {
      // The answers path (a filter) counts fewer contacts, never more than the unfiltered truth.
      for (const { category, n } of categories) {
        const shownCount = Number(
          new RegExp(`^${category}: (\\d+)`, 'm').exec(lines.slice(start + 1, start + 4).join('\n'))?.[1] ?? 0,
        );
        assert.ok(shownCount <= n, `${category}: ${shownCount} > ${n}\n${text}`);
      }
    } else {
      for (const { category, n } of categories)
        assert.match(lines.slice(start + 1, start + 4).join('\n'), new RegExp(`^${category}: ${n} `, 'm'), text);
    }
  }
});
