// Distinctive values per region in the simulated workspace, so a test can tell whose data a reply
// shows: every contact's name, phone number and facility, every open answer, every inbox message,
// and (outside the regions a test treats as "inside") every numeric answer carry their region, and
// those contacts speak a language of their own (Portuguese, which the workspace does not list).
// One more: only contacts of `dateRegion` answered yesterday's round, so that date is theirs. Applied before the bot's first sync reads the workspace.
import { demoSelection } from '../../src/simulator/seed-demo.ts';
import type { SimulatorStore } from '../../src/simulator/store.ts';

export const canaryRegions = demoSelection.regions.map((r) => r.name);
/** 1…8, one digit per region, used inside phone numbers and numeric answers. */
const digitOf = (region: string) => canaryRegions.indexOf(region) + 1;

export const canaryName = (region: string, i: number) => `Xq${region}${i}`;
export const canaryPhone = (region: string, i: number) => `+2567${digitOf(region)}9${String(i).padStart(5, '0')}`;
export const canaryFacility = (region: string) => `XqFacility${region}`;
export const canaryWord = (region: string) => `xqneed${region.toLowerCase()}`;
export const canaryInbox = (region: string) => `XqInbox${region}`;
/** Numeric answers outside: far above any head count, so any mixture shows in averages too. */
export const canaryNumber = (region: string) => 70_000 + digitOf(region);
/** The language of the contacts outside, in RapidPro's code: a text for them would be translated into it. */
export const canaryLanguage = 'por';
/**
 * The district field of every contact outside: one value, few enough for a free question to be
 * read as a filter by it ("attendance in xqdistrict only") if the names it is read against came
 * from outside the scope.
 */
export const canaryDistrict = 'Xqdistrict';

export interface CanaryOptions {
  /** Regions whose numeric answers stay ordinary (the side the test reads from). */
  inside: string[];
  /** The region whose contacts alone answered yesterday's round of every poll. */
  dateRegion: string;
}

/** Rewrites the store in place; returns the contact uuids of each region. */
export function seedCanaries(store: SimulatorStore, now: Date, options: CanaryOptions): Map<string, Set<string>> {
  const regionOfGroup = new Map(
    store.groups.filter((g) => canaryRegions.includes(g.name)).map((g) => [g.uuid, g.name]),
  );
  const members = new Map(canaryRegions.map((r) => [r, new Set<string>()]));
  const counters = new Map<string, number>();
  const regionOf = new Map<string, string>();
  for (const contact of store.contacts.values()) {
    const region = contact.groups.map((g) => regionOfGroup.get(g)).find(Boolean);
    if (!region) continue;
    const i = (counters.get(region) ?? 0) + 1;
    counters.set(region, i);
    contact.name = canaryName(region, i);
    contact.urns = [`tel:${canaryPhone(region, i)}`];
    contact.fields = { ...contact.fields, facility: canaryFacility(region) };
    members.get(region)!.add(contact.uuid);
    regionOf.set(contact.uuid, region);
    if (!options.inside.includes(region)) {
      contact.language = canaryLanguage;
      contact.fields = { ...contact.fields, district: canaryDistrict };
    }
  }
  const attendance = store.flows.find((f) => f.name === 'Attendance')!;
  const feedback = store.flows.find((f) => f.name === 'Feedback')!;
  const outside = (uuid: string) => !options.inside.includes(regionOf.get(uuid) ?? '');
  for (const run of store.runs.values()) {
    const region = regionOf.get(run.contactUuid);
    if (!region) continue;
    if (run.flowUuid === feedback.uuid) {
      for (const value of Object.values(run.values))
        Object.assign(value, { value: canaryWord(region), input: canaryWord(region) });
    }
    if (run.flowUuid === attendance.uuid && outside(run.contactUuid)) {
      for (const value of Object.values(run.values))
        Object.assign(value, {
          value: String(canaryNumber(region)),
          input: String(canaryNumber(region)),
          category: 'Many',
        });
    }
  }
  for (const message of store.messages) {
    const region = regionOf.get(message.contactUuid);
    if (region && message.direction === 'in')
      message.text =
        message.flowUuid === feedback.uuid ? canaryWord(region) : message.flowUuid ? message.text : canaryInbox(region);
  }

  // Yesterday's round, answered only in `dateRegion`: the other regions' runs of that round are
  // taken out, so the date itself belongs to one region. It is every poll's latest date.
  const roundDay = (d: Date) => new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
  const yesterday = roundDay(new Date(now.getTime() - 86_400_000));
  for (const [uuid, run] of store.runs) {
    if (roundDay(run.createdOn) === yesterday && !members.get(options.dateRegion)!.has(run.contactUuid))
      store.runs.delete(uuid);
  }
  return members;
}
