// The demo workspace "Demo Schools": a three-level region tree, two reporter groups, 240
// contacts in English, French and Arabic (some stopped or blocked), three polls, and four past
// weeks of answers. Deterministic for a seed; dates are relative to the clock at start.
import { firstNames, lastNames, schools } from './demo-names.ts';
import { createDemoFlows } from './demo-flows.ts';
import { evaluate } from './evaluate-router.ts';
import { between, pickOne, randomUuid, type Random } from './random.ts';
import type { SimContact, SimulatorStore } from './store.ts';

/** What an admin would choose in the demo workspace; the bot's bootstrap applies it. */
export const demoSelection = {
  polls: ['Attendance', 'School Status', 'Feedback'],
  regions: [
    { name: 'Central', parent: null },
    { name: 'Kampala', parent: 'Central' },
    { name: 'Kawempe', parent: 'Kampala' },
    { name: 'Nakawa', parent: 'Kampala' },
    { name: 'Wakiso', parent: 'Central' },
    { name: 'Northern', parent: null },
    { name: 'Gulu', parent: 'Northern' },
    { name: 'Lira', parent: 'Northern' },
  ],
  reporterGroups: ['Head Teachers', 'Teachers'],
};

/** How many contacts each region group holds (mostly leaves, some inner regions). */
const regionSizes: Record<string, number> = { Kawempe: 40, Nakawa: 40, Wakiso: 35, Gulu: 45, Lira: 40, Kampala: 10, Central: 10, Northern: 20 };
const DAY = 86_400_000;
export const HISTORY_DAYS_AGO = [22, 15, 8, 1];

export function seedDemo(store: SimulatorStore, random: Random, now: Date): void {
  const longAgo = new Date(now.getTime() - 60 * DAY);
  store.workspace = { uuid: randomUuid(random), name: 'Demo Schools', country: 'UG', languages: ['eng', 'fra', 'ara'], primaryLanguage: 'eng', timezone: 'Africa/Kampala' };
  for (const region of demoSelection.regions) store.groups.push({ uuid: randomUuid(random), name: region.name, query: null });
  for (const name of [...demoSelection.reporterGroups, 'Donors']) store.groups.push({ uuid: randomUuid(random), name, query: null });
  store.groups.push({ uuid: randomUuid(random), name: 'Recently Seen', query: 'last_seen_on > 7 days ago' });
  store.fields.push({ key: 'gender', name: 'Gender', type: 'text' }, { key: 'facility', name: 'Facility', type: 'text' }, { key: 'district', name: 'District', type: 'district' });
  const uuidOfGroup = (name: string) => store.groups.find((g) => g.name === name)!.uuid;

  let phone = 700_100_000;
  for (const [region, size] of Object.entries(regionSizes)) {
    for (let i = 0; i < size; i++) {
      const roll = random();
      const language = roll < 0.6 ? 'eng' : roll < 0.8 ? 'fra' : 'ara';
      const name = `${pickOne(random, firstNames[language])} ${pickOne(random, lastNames[language])}`;
      const groups = [uuidOfGroup(region), uuidOfGroup(random() < 0.2 ? 'Head Teachers' : 'Teachers')];
      if (random() < 0.05) groups.push(uuidOfGroup('Donors'));
      const statusRoll = random();
      const contact: SimContact = {
        id: store.nextId(),
        uuid: randomUuid(random),
        name,
        language,
        urns: [`tel:+256${phone++}`],
        groups,
        fields: { gender: random() < 0.5 ? 'female' : 'male', facility: pickOne(random, schools), district: region },
        status: statusRoll < 0.05 ? 'stopped' : statusRoll < 0.08 ? 'blocked' : 'active',
        createdOn: longAgo,
        modifiedOn: store.stamp(new Date(longAgo.getTime() + between(random, 0, 10 * DAY))),
        lastSeenOn: null,
        deleted: false,
      };
      store.contacts.set(contact.uuid, contact);
    }
  }

  store.flows.push(...createDemoFlows(random, longAgo));
  const contacts = [...store.contacts.values()];
  for (const daysAgo of HISTORY_DAYS_AGO) {
    // 09:00 in Kampala (UTC+3).
    const day = new Date(now.getTime() - daysAgo * DAY);
    const startOfRound = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 6, 0, 0);
    for (const flow of store.flows) {
      for (const contact of contacts) {
        if (contact.status !== 'active' || random() > 0.9) continue;
        seedHistoricRun(store, random, flow, contact, startOfRound);
      }
    }
  }

  const recentStart = now.getTime() - 7 * DAY;
  for (let i = 0; i < 30; i++) {
    const contact = pickOne(random, contacts);
    const at = new Date(recentStart + between(random, 0, 7 * DAY - 60_000));
    const text = pickOne(random, ['Hello, when is the next meeting?', 'Merci pour le message', 'شكرا لكم', 'Our school needs chalk', 'STOP', 'Can I change my school?']);
    store.messages.push({ id: store.nextId(), contactUuid: contact.uuid, direction: 'in', text, flowUuid: null, createdOn: at, modifiedOn: at, broadcast: null });
  }
  for (let i = 0; i < 10; i++) {
    const contact = pickOne(random, contacts);
    const at = new Date(recentStart + between(random, 0, 7 * DAY - 60_000));
    store.messages.push({ id: store.nextId(), contactUuid: contact.uuid, direction: 'in', text: String(between(random, 0, 50)), flowUuid: store.flows[0]!.uuid, createdOn: at, modifiedOn: at, broadcast: null });
  }
  store.messages.sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime());

  const square = (x: number, y: number, size: number) => ({ type: 'MultiPolygon', coordinates: [[[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]] });
  store.boundaries.push(
    { osmId: 'R1403' , name: 'Uganda', level: 0, parent: null, geometry: square(29.5, -1.5, 5.5) },
    { osmId: 'R2001', name: 'Central', level: 1, parent: 'R1403', geometry: square(31.5, -0.5, 2) },
    { osmId: 'R2002', name: 'Northern', level: 1, parent: 'R1403', geometry: square(31.5, 2, 2) },
    { osmId: 'R3001', name: 'Kampala', level: 2, parent: 'R2001', geometry: square(32.5, 0.2, 0.3) },
    { osmId: 'R3002', name: 'Wakiso', level: 2, parent: 'R2001', geometry: square(32, 0, 0.5) },
    { osmId: 'R3003', name: 'Gulu', level: 2, parent: 'R2002', geometry: square(32, 2.5, 0.6) },
    { osmId: 'R3004', name: 'Lira', level: 2, parent: 'R2002', geometry: square(32.6, 2.1, 0.6) },
  );
}

/** One past run: ~70% complete, ~15% partial (interrupted or expired), ~15% no answer (expired). */
function seedHistoricRun(store: SimulatorStore, random: Random, flow: SimulatorStore['flows'][number], contact: SimContact, round: number): void {
  const created = new Date(round + between(random, 0, 120) * 60_000);
  const roll = random();
  const answered = roll < 0.7 ? flow.questions.length : roll < 0.85 ? Math.max(1, flow.questions.length - 1) : 0;
  const complete = roll < 0.7;
  let at = created.getTime();
  const values: Record<string, import('./store.ts').SimRunValue> = {};
  const path = [];
  for (const q of flow.questions.slice(0, complete ? flow.questions.length : answered)) {
    at += between(random, 1, 30) * 60_000;
    const input = q.answer(contact, random);
    const { category, value } = evaluate(q, input);
    values[q.key] = { name: q.name, value, category, node: q.nodeUuid, time: new Date(at), input };
    path.push({ node: q.nodeUuid, time: new Date(at) });
  }
  // A flow whose only question went unanswered in a "partial" roll has nothing: no answer.
  const exitType = complete ? 'completed' : Object.keys(values).length > 0 && random() < 0.5 ? 'interrupted' : 'expired';
  const exitedOn = new Date(complete ? at + 60_000 : created.getTime() + 3 * 3_600_000);
  store.addRun({
    uuid: randomUuid(random),
    flowUuid: flow.uuid,
    contactUuid: contact.uuid,
    startUuid: null,
    responded: Object.keys(values).length > 0,
    path,
    values,
    createdOn: created,
    exitedOn,
    exitType,
    modifiedOn: exitedOn,
  });
}
