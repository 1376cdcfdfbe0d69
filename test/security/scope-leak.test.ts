// Nobody sees or reaches what they may not. A supervisor of Kampala runs every line the commands
// declare as samples — every command and sub-command — with the variants an attacker or a typo
// makes of it (aimed at other regions, contacts, polls and dates; with filters; cut short, for
// each error path), presses every button each reply offers, and lets the digests and schedules
// it set up run. Each line runs in two worlds (see leak-worlds.ts): the real one, whose every
// region carries canaries, and the truth, where nothing outside Kampala exists. Then:
//   - no canary of another region appears in a reply, a file, a chart's configuration, a posted
//     digest or report, or in what RapidPro was asked (flow starts, broadcasts, contact edits);
//   - everything shown, every figure and chart's data included, and everything sent to RapidPro
//     equals what the same line gives in the truth.
// `test/security/mutate-scope.ts` removes each scope condition in turn and runs this file: every
// removal that could let something through must make it fail.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { commands } from '../../commands/index.ts';
import { postDigestJob } from '../../jobs/post-digest.ts';
import { runScheduleJob } from '../../jobs/run-schedule.ts';
import type { ChartSpec } from '../../src/charts/chart-spec.ts';
import type { Reply } from '../../src/core/reply.ts';
import { replyText } from '../helpers/demo-org.ts';
import {
  canaryFacility,
  canaryInbox,
  canaryLanguage,
  canaryDistrict,
  canaryName,
  canaryNumber,
  canaryPhone,
  canaryRegions,
  canaryWord,
} from '../helpers/seed-canaries.ts';
import { DATE_REGION, INSIDE, openWorld, SUPERVISOR, type World } from './leak-worlds.ts';

const OUTSIDE = canaryRegions.filter((r) => !INSIDE.includes(r));
/** Under mutation testing the first leak is enough. */
const FAIL_FAST = process.env.SCOPE_LEAK_FAIL_FAST === '1';
/** Templates kept by the mutation tool (real, truth), so each run copies them instead of syncing. */
const TEMPLATES = process.env.SCOPE_LEAK_TEMPLATES?.split(',');
/** A file being mutated: the lines of the commands that import it run first. */
const FIRST = process.env.SCOPE_LEAK_FIRST;

let real: World;
let truth: World;
let canaryDay = '';
const ids = { inside: 0, gulu: 0, central: 0 };
/** A Gulu contact's name with one letter off: a search for it finds no one, and must suggest no one outside. */
let nearGulu = '';

before(async () => {
  real = await openWorld('real', TEMPLATES?.[0]);
  truth = await openWorld('truth', TEMPLATES?.[1]);
  const contactOf = async (region: string) =>
    (
      await real.demo.sql<{ id: number }[]>`
        select c.id from contacts c join regions g on g.id = c.region_id
        where g.name = ${region} and c.status = 'active' and not c.is_deleted order by c.id limit 1`
    )[0]!.id;
  ids.inside = await contactOf('Kawempe');
  ids.gulu = await contactOf('Gulu');
  ids.central = await contactOf('Central');
  const [gulu] = await real.demo.sql<{ name: string }[]>`select name from contacts where id = ${ids.gulu}`;
  nearGulu = gulu!.name.replace(/u(\d+)$/, 'v$1');
  // The last date anyone answered: Gulu's alone (leak-worlds.ts plants a later run nobody answered).
  canaryDay = (
    await real.demo.sql<{ day: string }[]>`
      select max(day)::text as day from poll_runs pr where exists (select 1 from responses r where r.poll_run_id = pr.id)`
  )[0]!.day;
});
after(async () => {
  await real?.demo.close();
  await truth?.demo.close();
});

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
  if (!typed.toLowerCase().includes(canaryDistrict.toLowerCase()))
    patterns.push({ what: 'a field value of contacts outside', pattern: new RegExp(canaryDistrict, 'i') });
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

/** A reply or file as it is compared between the worlds: without what differs by chance (keys, clock). */
const normalise = (text: string) =>
  text.replace(/--confirm=\S+/g, '--confirm=…').replace(/\b\d{1,2}:\d\d(:\d\d)?(\s?[AP]M)?\b/g, 'hh:mm');

/** What a line left in one world: its reply, files, charts, posts and RapidPro requests. */
interface Outcome {
  reply: Reply;
  shown: Record<string, string>;
  charts: ChartSpec[];
}

function marks(world: World) {
  const store = world.demo.simulator.store;
  return {
    charts: world.charts.length,
    starts: store.flowStarts.length,
    broadcasts: store.broadcasts.length,
    posts: world.demo.notifier.messages.size,
    digests: new Set(world.demo.digestSchedules.keys()),
    schedules: new Set(world.demo.jobSchedules.keys()),
  };
}

/** Runs a line in one world, then the digests and schedules it set up, and reads what came of it. */
async function runIn(world: World, line: string): Promise<Outcome> {
  const before = marks(world);
  const reply = await world.demo.run(SUPERVISOR, line);
  const { demo } = world;
  for (const id of demo.digestSchedules.keys())
    if (!before.digests.has(id)) await postDigestJob.run(demo.syncDeps, { subscriptionId: id });
  for (const id of demo.jobSchedules.keys())
    if (!before.schedules.has(id)) await runScheduleJob.run(demo.syncDeps, { scheduleId: id });
  const store = demo.simulator.store;
  const shown: Record<string, string> = { reply: replyText(reply) };
  for (const block of reply.blocks) {
    if (block.type === 'file') shown[`file ${block.filename}`] = block.data.toString('utf8');
    if (block.type === 'image') shown[`image alt ${block.filename}`] = block.alt;
  }
  const charts = world.charts.slice(before.charts);
  for (const [i, spec] of charts.entries()) shown[`chart ${i}`] = JSON.stringify(spec);
  [...demo.notifier.messages.values()]
    .slice(before.posts)
    .forEach((posted, i) => (shown[`post ${i}`] = posted.versions.map(replyText).join('\n---\n')));
  for (const [kind, sent] of [
    ['flow start', store.flowStarts.slice(before.starts)],
    ['broadcast', store.broadcasts.slice(before.broadcasts)],
  ] as const)
    sent.forEach(
      (request, i) =>
        (shown[`RapidPro ${kind} ${i}`] = JSON.stringify({
          contacts: [...request.contacts].sort(),
          groups: request.groups,
          urns: [...request.urns].sort(),
          ...('translations' in request ? { text: request.text, translations: request.translations } : {}),
        })),
    );
  return { reply, shown, charts };
}

function snapshotOutside(): Map<string, string> {
  const store = real.demo.simulator.store;
  const uuids = OUTSIDE.flatMap((r) => [...real.members.get(r)!]);
  return new Map(
    uuids.map((u) => {
      const c = store.contacts.get(u)!;
      return [u, JSON.stringify([c.name, c.urns, c.fields, c.groups, c.status, c.deleted, c.language])];
    }),
  );
}

/**
 * Runs one line in both worlds (a button: each world's own, which differ only in their keys) and
 * checks everything it produced; returns the leaks and both outcomes.
 */
async function check(
  line: string,
  { typed = line, twin = line }: { typed?: string; twin?: string } = {},
): Promise<{ leaks: Leak[]; outcomes: [Outcome, Outcome] }> {
  const edits = snapshotOutside();
  const outcomes = await Promise.all([runIn(real, line), runIn(truth, twin)]);
  const [mine, truly] = outcomes;
  const leaks: Leak[] = [];
  const patterns = outsidePatterns(typed);
  const patternsInCharts = outsidePatterns(typed, false);
  // What the line itself typed (a phone number, a name) may be echoed back: "no contact matches …".
  const echoes = typed
    .split(/\s+/)
    .map((word) => word.replace(/^"|"$/g, ''))
    .filter((word) => word.length >= 6);
  for (const [where, shown] of Object.entries(mine.shown)) {
    const text = echoes.reduce((t, word) => t.split(word).join('…'), shown);
    for (const { what, pattern } of where.startsWith('chart') ? patternsInCharts : patterns)
      if (pattern.test(text)) {
        const at = text.search(pattern);
        leaks.push({ line, where, what: `${what}: …${text.slice(Math.max(0, at - 40), at + 40)}…` });
      }
    if (where.startsWith('RapidPro') && shown.includes(`"${canaryLanguage}"`))
      leaks.push({ line, where, what: 'a text translated for the contacts outside' });
  }
  // Chart configurations hold sizes in pixels: their numbers are read as data.
  for (const spec of mine.charts) {
    const big = chartNumbers(spec).filter((n) => n >= 10_000);
    if (big.length > 0)
      leaks.push({ line, where: `chart ${spec.filename}`, what: `numbers from outside: ${big.slice(0, 3)}` });
  }
  const contacts = new Set(OUTSIDE.flatMap((r) => [...real.members.get(r)!]));
  for (const [where, shown] of Object.entries(mine.shown))
    if (where.startsWith('RapidPro') && [...contacts].some((uuid) => shown.includes(uuid)))
      leaks.push({ line, where, what: 'recipients outside' });
  for (const [uuid, was] of snapshotOutside())
    if (edits.get(uuid) !== was) leaks.push({ line, where: 'RapidPro contact edit', what: `changed ${was}` });
  for (const where of new Set([...Object.keys(mine.shown), ...Object.keys(truly.shown)])) {
    const [a, b] = [mine.shown[where], truly.shown[where]].map((s) => (s === undefined ? '(nothing)' : normalise(s)));
    if (a !== b) leaks.push({ line, where, what: `differs from the truth: ${firstDifference(a!, b!)}` });
  }
  if (FAIL_FAST && leaks.length > 0) assert.fail(`leak: ${JSON.stringify(leaks[0])}`);
  return { leaks, outcomes };
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `shown …${a.slice(Math.max(0, i - 40), i + 60)}… where the truth is …${b.slice(Math.max(0, i - 40), i + 60)}…`;
}

/** Buttons already pressed (a refresh or a page shows up under many replies). */
const pressed = new Set<string>();

/** The line, then every button its reply offers, one level down (each world presses its own). */
async function checkWithButtons(line: string): Promise<Leak[]> {
  const { leaks, outcomes } = await check(line);
  const buttons = outcomes.map(({ reply }) =>
    reply.blocks.flatMap((block) => (block.type === 'buttons' ? block.buttons.map((b) => b.command) : [])),
  );
  for (const [i, command] of buttons[0]!.entries()) {
    const twin = buttons[1]![i];
    if (twin === undefined || pressed.has(normalise(command))) continue;
    pressed.add(normalise(command));
    leaks.push(...(await check(command, { typed: `${line} ${command}`, twin })).leaks);
  }
  return leaks;
}

/** A line's words, quoted ones kept whole. */
const wordsOf = (line: string) => line.match(/"[^"]*"|\S+/g) ?? [];

/**
 * The lines made from one sample: as written; aimed elsewhere (another region, a near miss of
 * one, none; another poll; the date only Gulu answered; contacts of other regions); with a filter
 * (a field, an unknown field, an unknown group); and cut short after each word, for the errors
 * that say what is missing.
 */
function linesOf(sample: string): string[] {
  const swap = (pattern: RegExp, ...by: string[]) =>
    pattern.test(sample) ? by.map((word) => sample.replace(pattern, word).replace(/\s+/g, ' ').trim()) : [];
  const words = wordsOf(sample);
  return [
    sample,
    ...swap(/\bKampala\b/, '', 'Gulu', 'Gulx'),
    ...swap(/\bAttendance\b/, '"School Status"', 'Feedback', 'Enrolment'),
    ...swap(/\blatest\b/, canaryDay),
    ...swap(/#1\b/, `#${ids.inside}`, `#${ids.gulu}`, `#${ids.central}`, `"${nearGulu}"`),
    ...swap(/\b1,2\b/, `${ids.inside},${ids.gulu},${ids.central}`),
    ...(/\blatest\b/.test(sample) ? [' gender=female', ' nosuchfield=x', ' group=Nosuch'].map((f) => sample + f) : []),
    ...words.slice(1).map((_, i) => words.slice(0, i + 1).join(' ')),
  ];
}

/** The files a file imports, itself included, following relative imports. */
function importsOf(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"](\.[^'"]+)['"]/gm))
    importsOf(path.relative('.', path.resolve(path.dirname(file), spec!)), seen);
  return seen;
}

/** Every command's samples and their variants; those of commands that import FIRST come first. */
function allLines(): string[] {
  const ordered = FIRST
    ? [
        ...commands.filter((c) => importsOf(`commands/${c.name}.ts`).has(FIRST)),
        ...commands.filter((c) => !importsOf(`commands/${c.name}.ts`).has(FIRST)),
      ]
    : commands;
  // Free questions are read against the names the supervisor may use: a field value only
  // contacts outside have must not make one of them a filter.
  const questions = [
    `how many answered attendance ${canaryDistrict.toLowerCase()} only`,
    `results of attendance for ${canaryDistrict}`,
  ];
  return [...new Set([...ordered.flatMap((c) => c.samples.flatMap(linesOf)), ...questions])];
}

// (Skipped under mutation testing, where the worlds were checked once before any mutation.)
test('the canaries are there to be found: Kampala’s own show in its replies, the others’ only in the real world', {
  skip: FAIL_FAST,
}, async () => {
  const seen = [
    replyText((await check('contacts')).outcomes[0].reply),
    replyText((await check('results Feedback latest')).outcomes[0].reply),
    replyText((await check('inbox')).outcomes[0].reply),
  ].join('\n');
  assert.match(seen, new RegExp(canaryName('Kawempe', 0).slice(0, -1) + '\\d'));
  assert.match(seen, new RegExp(canaryWord('Nakawa')), 'open answers of Kampala’s regions are shown');
  const count = (world: World) =>
    world.demo.sql<{ names: number; numbers: number; words: number }[]>`
      select (select count(*) from contacts where name like 'XqGulu%')::int as names,
             (select count(*) from answers where value_number = ${canaryNumber('Lira')})::int as numbers,
             (select count(*) from answers where value = ${canaryWord('Wakiso')})::int as words`;
  const [inReal] = await count(real);
  assert.ok(inReal!.names > 0 && inReal!.numbers > 0 && inReal!.words > 0, JSON.stringify(inReal));
  assert.deepEqual({ ...(await count(truth))[0] }, { names: 0, numbers: 0, words: 0 }, 'nothing outside in the truth');
  const [gulu] = await real.demo.sql<{ n: number }[]>`
    select count(*)::int as n from responses r join poll_runs pr on pr.id = r.poll_run_id join contacts c on c.id = r.contact_id
    join regions g on g.id = c.region_id where pr.day = ${canaryDay}::date and g.name <> ${DATE_REGION}`;
  assert.equal(gulu!.n, 0, 'nobody outside Gulu answered on the canary date');
  // The worlds differ where the whole workspace is seen: the comparison below can tell them apart.
  const [everyone, kampalaOnly] = await Promise.all(
    [real, truth].map(async (w) => replyText(await w.demo.run('admin', 'participation Attendance latest'))),
  );
  assert.notEqual(everyone, kampalaOnly);
});

test('a Kampala supervisor is shown and reaches, through every command, sub-command, error path and button, exactly what they would if nothing outside Kampala existed', async (t) => {
  const leaks: Leak[] = [];
  const lines = allLines();
  assert.ok(lines.length > 300, `${lines.length} lines`);
  for (const line of lines) leaks.push(...(await checkWithButtons(line)));
  t.diagnostic(`${lines.length} lines from ${commands.length} commands' samples, ${pressed.size} buttons`);
  assert.deepEqual(leaks, []);
});
