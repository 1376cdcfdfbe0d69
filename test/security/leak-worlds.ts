// The two worlds the scope-leak test compares. `real`: the demo workspace with canaries in every
// region (test/helpers/seed-canaries.ts). `truth`: the same workspace with every contact outside
// the supervisor's regions taken out of the mirror, and with them their responses, answers and
// inbox messages. Whatever the supervisor is shown in the real world must be what they are shown
// in the truth, where nothing outside exists: a difference came from outside their regions.
// Ids agree between the worlds (the contacts left keep theirs), so replies compare as they are.
import type { ChartSpec } from '../../src/charts/chart-spec.ts';
import { createDemoOrg, type DemoOrg } from '../helpers/demo-org.ts';
import { seedCanaries } from '../helpers/seed-canaries.ts';

export const INSIDE = ['Kampala', 'Kawempe', 'Nakawa'];
export const DATE_REGION = 'Gulu';
export const SUPERVISOR = 'kampala-supervisor';

export type WorldKind = 'real' | 'truth';

export interface World {
  kind: WorldKind;
  demo: DemoOrg;
  /** Each region's contact uuids in the simulated workspace. */
  members: Map<string, Set<string>>;
  /** Every chart drawn, as the configuration the renderer was given (read as data). */
  charts: ChartSpec[];
}

/** A world set up afresh, or copied from the template kept by `keepWorlds`. */
export async function openWorld(kind: WorldKind, template?: string): Promise<World> {
  let members: Map<string, Set<string>> | undefined;
  const seed = (store: DemoOrg['simulator']['store']) =>
    (members ??= seedCanaries(store, new Date(), { inside: INSIDE, dateRegion: DATE_REGION }));
  const demo = await createDemoOrg({ beforeRequest: (_url, store) => void seed(store) }, template);
  // A copy has asked RapidPro nothing yet: its simulator gets the canaries now.
  seed(demo.simulator.store);
  if (kind === 'truth' && !template) {
    await demo.sql`
      delete from contacts where region_id is null
        or region_id not in (select id from regions where name in ${demo.sql(INSIDE)})`;
    await demo.sql`delete from figures_built`;
  }
  const charts: ChartSpec[] = [];
  const recorder = { render: async (spec: ChartSpec) => (charts.push(structuredClone(spec)), Buffer.from('png')) };
  demo.services.charts = recorder;
  demo.syncDeps.charts = recorder;
  return { kind, demo, members: members!, charts };
}

/** Sets both worlds up once and keeps their databases as the templates `<prefix>_real` and `<prefix>_truth`. */
export async function keepWorlds(prefix: string): Promise<string[]> {
  const names: string[] = [];
  for (const kind of ['real', 'truth'] as const) {
    const world = await openWorld(kind);
    await world.demo.keepAs(`${prefix}_${kind}`);
    names.push(`${prefix}_${kind}`);
  }
  return names;
}
