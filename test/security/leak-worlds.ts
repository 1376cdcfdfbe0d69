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
  if (!template) await plantPendingStarts(demo);
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

/**
 * Starts still being handed to RapidPro, to contacts outside only (kept in both worlds; in the
 * truth their contacts are gone): one in the latest Attendance run the supervisor's regions
 * answered, and one in a later Feedback run of Gulu's own. Neither may reach the supervisor: not
 * as contacts waiting in their figures, nor as a poll run of theirs.
 */
async function plantPendingStarts(demo: DemoOrg) {
  const { sql } = demo;
  const outside = await sql<{ uuid: string }[]>`
    select c.uuid from contacts c join regions g on g.id = c.region_id
    where g.name = ${DATE_REGION} and c.status = 'active' and not c.is_deleted order by c.id limit 5`;
  const [seen] = await sql<{ id: number; pollId: number; orgId: number }[]>`
    select pr.id, pr.poll_id as "pollId", pr.org_id as "orgId" from poll_runs pr
    join polls p on p.id = pr.poll_id join responses r on r.poll_run_id = pr.id
    join contacts c on c.id = r.contact_id join regions g on g.id = c.region_id
    where p.name = 'Attendance' and g.name in ${sql(INSIDE)} order by pr.day desc limit 1`;
  const [later] = await sql<{ id: number; pollId: number }[]>`
    insert into poll_runs (org_id, poll_id, kind, region_id, day)
    select p.org_id, p.id, 'regional', g.id, (select max(day) + 5 from poll_runs)
    from polls p join regions g on g.org_id = p.org_id and g.name = ${DATE_REGION} where p.name = 'Feedback'
    returning id, poll_id as "pollId"`;
  for (const [i, run] of [seen!, later!].entries()) {
    const [message] = await sql<{ id: number }[]>`
      insert into outbound_messages (org_id, idempotency_key, kind, poll_id, poll_run_id, cohort, recipient_count, state)
      values (${seen!.orgId}, ${`leak-pending-${i}`}, 'poll_start', ${run.pollId}, ${run.id}, 'region', ${outside.length}, 'pending')
      returning id`;
    await sql`
      insert into outbound_batches (message_id, seq, contact_uuids, state)
      values (${message!.id}, 0, ${outside.map((c) => c.uuid)}, 'pending')`;
  }
}
