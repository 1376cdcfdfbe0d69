// The demo workspace "Demo Schools": a three-level region tree, two reporter groups, 240
// contacts in English, French and Arabic (some stopped or blocked), three polls with four past
// rounds of answers, the term's enrolment as their baseline, and a week of inbox. Deterministic
// for a seed; dates are relative to `now`.
import { createDemoBoundaries } from './demo-boundaries.ts';
import { createDemoFlows, createEnrolmentFlow } from './demo-flows.ts';
import { firstNames, lastNames, schools } from './demo-names.ts';
import { between, createRandom, pickOne, randomUuid, type Random } from './random.ts';
import { planBaseline, planHistory, planMorningRound } from './seed-history.ts';
import { withSmartGroups } from './smart-groups.ts';
import type { SimContact, SimulatorStore } from './store.ts';

/** What an admin would choose in the demo workspace; the bot's bootstrap applies it. */
export const demoSelection: {
  polls: string[];
  regions: { name: string; parent: string | null }[];
  reporterGroups: string[];
} = {
  polls: ['Attendance', 'School Status', 'Feedback', 'Enrolment'],
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

/** How many contacts each region group holds: mostly leaves, some inner regions (240 in all). */
const regionSizes: Record<string, number> = {
  Kawempe: 40,
  Nakawa: 40,
  Wakiso: 35,
  Gulu: 45,
  Lira: 40,
  Kampala: 10,
  Central: 10,
  Northern: 20,
};
const DAY = 86_400_000;
const inboxTexts = [
  'Hello, when is the next meeting?',
  'Merci pour le message',
  'شكرا لكم',
  'Our school needs chalk',
  'Can I change my school?',
  'Quand arrivent les manuels ?',
  'متى الاجتماع القادم؟',
];

/**
 * `morningRound`: also a round of Attendance started this morning and still under way, in which
 * Gulu answers far slower than it used to (what `npm start` shows the watch with).
 */
export function seedDemo(store: SimulatorStore, random: Random, now: Date, morningRound = false): void {
  const longAgo = new Date(now.getTime() - 90 * DAY);
  store.workspace = {
    uuid: randomUuid(random),
    name: 'Demo Schools',
    country: 'UG',
    languages: ['eng', 'fra', 'ara'],
    primaryLanguage: 'eng',
    timezone: 'Africa/Kampala',
  };
  for (const region of demoSelection.regions)
    store.groups.push({ uuid: randomUuid(random), name: region.name, query: null });
  for (const name of [...demoSelection.reporterGroups, 'Donors'])
    store.groups.push({ uuid: randomUuid(random), name, query: null });
  // A smart group: the bot must ignore it (its members come from a query, not from choice).
  store.groups.push({ uuid: randomUuid(random), name: 'Female Contacts', query: 'gender = "female"' });
  store.fields.push(
    { key: 'gender', name: 'Gender', type: 'text' },
    { key: 'facility', name: 'Facility', type: 'text' },
    { key: 'district', name: 'District', type: 'district' },
  );
  store.flows.push(...createDemoFlows(random, longAgo));

  const contacts = createContacts(store, random, longAgo);
  const history = planHistory(random, store.flows, contacts, now);
  // The baseline flow draws from a stream of its own, so the rest of the demo is the same with it.
  const baselineRandom = createRandom(0x5eed);
  const enrolment = createEnrolmentFlow(baselineRandom, longAgo);
  store.flows.push(enrolment);
  planBaseline(history, baselineRandom, enrolment, contacts, now);
  if (morningRound) {
    const attendance = store.flows.find((f) => f.name === 'Attendance')!;
    const gulu = store.groups.find((g) => g.name === 'Gulu')!.uuid;
    planMorningRound(history, createRandom(0x0ff1ce), attendance, contacts, now, gulu);
  }
  const inbox = contacts.filter((c) => c.status === 'active');
  for (let i = 0; i < 30; i++) {
    const contact = pickOne(random, inbox);
    const at = new Date(now.getTime() - 7 * DAY + between(random, 60_000, 7 * DAY - 60_000));
    history.messages.push({
      contactUuid: contact.uuid,
      direction: 'in',
      text: pickOne(random, inboxTexts),
      flowUuid: null,
      createdOn: at,
      modifiedOn: at,
      broadcast: null,
    });
    if ((history.lastSeen.get(contact.uuid)?.getTime() ?? 0) < at.getTime()) history.lastSeen.set(contact.uuid, at);
  }

  // Stamp everything in time order: stamps only ever rise, so out-of-order stamping would
  // push older objects forward in time.
  const commits: { at: number; commit: () => void }[] = [];
  for (const contact of contacts) {
    contact.lastSeenOn = history.lastSeen.get(contact.uuid) ?? null;
    contact.groups = withSmartGroups(store, contact, contact.groups);
    // Answering touches a contact in RapidPro, so its modified_on is at least its last_seen_on.
    const at = Math.max(contact.modifiedOn.getTime(), contact.lastSeenOn?.getTime() ?? 0);
    commits.push({ at, commit: () => (contact.modifiedOn = store.stamp(new Date(at))) });
  }
  for (const run of history.runs) commits.push({ at: run.modifiedOn.getTime(), commit: () => void store.addRun(run) });
  commits.sort((a, b) => a.at - b.at);
  for (const { commit } of commits) commit();
  for (const contact of contacts) store.contacts.set(contact.uuid, contact);

  history.messages.sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime());
  for (const message of history.messages) store.messages.push({ ...message, id: store.nextId() });
  store.boundaries.push(...createDemoBoundaries());
}

/** Contacts in creation order; `modifiedOn` holds their last edit, stamped later. */
function createContacts(store: SimulatorStore, random: Random, longAgo: Date): SimContact[] {
  const uuidOfGroup = (name: string) => store.groups.find((g) => g.name === name)!.uuid;
  const contacts: SimContact[] = [];
  let phone = 700_100_000;
  let createdAt = longAgo.getTime();
  for (const [region, size] of Object.entries(regionSizes)) {
    for (let i = 0; i < size; i++) {
      const roll = random();
      const language = roll < 0.6 ? 'eng' : roll < 0.8 ? 'fra' : 'ara';
      const groups = [uuidOfGroup(region), uuidOfGroup(random() < 0.2 ? 'Head Teachers' : 'Teachers')];
      if (random() < 0.05) groups.push(uuidOfGroup('Donors'));
      const statusRoll = random();
      createdAt += between(random, 1, 6 * 3_600_000);
      contacts.push({
        id: store.nextId(),
        uuid: randomUuid(random),
        name: `${pickOne(random, firstNames[language])} ${pickOne(random, lastNames[language])}`,
        language,
        urns: [`tel:+256${phone++}`],
        groups,
        fields: { gender: random() < 0.5 ? 'female' : 'male', facility: pickOne(random, schools), district: region },
        status: statusRoll < 0.05 ? 'stopped' : statusRoll < 0.08 ? 'blocked' : 'active',
        createdOn: new Date(createdAt),
        modifiedOn: new Date(createdAt + between(random, 0, 20 * DAY)),
        lastSeenOn: null,
        deleted: false,
      });
    }
  }
  return contacts;
}
