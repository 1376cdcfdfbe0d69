// A large mirror for the benchmarks, generated in PostgreSQL directly: 100,000 contacts (CONTACTS)
// in a five-level region tree, 4 poll runs of one four-question poll with about 1,000,000 answers,
// their figures built once as the sync does, an admin and the supervisor of one province.
import { pino } from 'pino';
import postgres from 'postgres';
import { createLocalRenderer } from '../src/charts/render-locally.ts';
import type { Services } from '../src/core/command.ts';
import { createRateLimits } from '../src/core/rate-limits.ts';
import { createSecretBox } from '../src/core/secrets.ts';
import { createDb, migrateDb, type Sql } from '../src/db/client.ts';
import { buildStaleFigures } from '../src/db/queries/build-figures.ts';
import { startEmbeddedPostgres } from '../src/db/start-embedded-postgres.ts';

const CONTACTS = Number(process.env.CONTACTS ?? 100_000);
const RUNS = 4;
// Children per region at each level below the country: 4,4,4,4 makes 341 regions; 5,5,6,6 makes
// 1,081 (the size the issue on a million contacts asks for).
const BRANCHING = (process.env.BRANCHING ?? '4,4,4,4').split(',').map(Number);

/** Creates database `name` afresh and fills it; `identities` are linked on `platform`. */
export async function openBigMirror(
  name: string,
  identities: { platform: string; admin: string; supervisor: string } = {
    platform: 'console',
    admin: 'admin',
    supervisor: 'province',
  },
) {
  const { db, sql, close, admin, embedded } = await createBenchDatabase(name);
  const filling = Date.now();
  const { regionCount } = await fillWorkspace(sql);
  await sql`insert into polls (id, org_id, uuid, flow_name, name) values (1, 1, 'f1', 'Attendance', 'Attendance')`;
  await sql`
    insert into questions (id, org_id, poll_id, uuid, result_key, name, type, categories, rules, position) values
    (1, 1, 1, 'q1', 'boys', 'Boys present', 'numeric', ${['Few', 'Normal', 'Many', 'Other']}, ${JSON.stringify([
      { category: 'Few', type: 'lt', value: 10 },
      { category: 'Normal', type: 'between', min: 10, max: 40 },
      { category: 'Many', type: 'gt', value: 40 },
    ])}::jsonb, 0),
    (2, 1, 1, 'q2', 'girls', 'Girls present', 'numeric', ${['Few', 'Normal', 'Many', 'Other']}, ${JSON.stringify([
      { category: 'Few', type: 'lt', value: 10 },
      { category: 'Normal', type: 'between', min: 10, max: 40 },
      { category: 'Many', type: 'gt', value: 40 },
    ])}::jsonb, 1),
    (3, 1, 1, 'q3', 'open', 'School open', 'categorical', ${['Yes', 'No', 'Other']}, '[]'::jsonb, 2),
    (4, 1, 1, 'q4', 'needs', 'Needs', 'open', ${[]}, '[]'::jsonb, 3)`;
  for (let run = 1; run <= RUNS; run++) {
    await sql`insert into poll_runs (id, org_id, poll_id, kind, day) values (${run}, 1, 1, 'universal', ${new Date(Date.now() - (RUNS - run) * 7 * 86_400_000).toISOString().slice(0, 10)})`;
    await sql`
      insert into responses (org_id, poll_run_id, contact_id, run_uuid, status)
      select 1, ${run}, c.id, 'run' || ${run} || '-' || c.id,
             case when c.id % 10 < 7 then 'complete' when c.id % 10 < 8 then 'partial' else 'empty' end
      from contacts c where c.id % 6 <> ${run}`;
  }
  await sql`
    insert into answers (response_id, question_id, value, value_number, category, submitted_on)
    select r.id, q.id,
           case when q.type = 'numeric' then ((r.id * q.id) % 60)::text when q.id = 3 then case when r.id % 4 = 0 then 'no' else 'yes' end else 'more books and water' end,
           case when q.type = 'numeric' then (r.id * q.id) % 60 end,
           case when q.type = 'numeric' then case when (r.id * q.id) % 60 < 10 then 'Few' when (r.id * q.id) % 60 <= 40 then 'Normal' else 'Many' end
                when q.id = 3 then case when r.id % 4 = 0 then 'No' else 'Yes' end else 'All Responses' end,
           now()
    from responses r cross join questions q where r.status <> 'empty'`;
  await sql`analyze`;
  const [sizes] = await sql<{ contacts: number; responses: number; answers: number }[]>`
    select (select count(*)::int from contacts) as contacts, (select count(*)::int from responses) as responses, (select count(*)::int from answers) as answers`;
  console.log(
    `data: ${sizes!.contacts} contacts, ${sizes!.responses} responses, ${sizes!.answers} answers, ${regionCount} regions in 5 levels (${((Date.now() - filling) / 1000).toFixed(0)} s to generate)`,
  );

  // Figures are rebuilt after every sync of runs or contacts; this is what one rebuild costs.
  const building = performance.now();
  const built = await buildStaleFigures(sql, 1);
  console.log(`figures of ${built} poll runs built in ${((performance.now() - building) / 1000).toFixed(1)} s`);

  await sql`insert into chat_identities (id, org_id, platform, external_id, role) values (1, 1, ${identities.platform}, ${identities.admin}, 'admin'), (2, 1, ${identities.platform}, ${identities.supervisor}, 'supervisor')`;
  await sql`insert into identity_regions (identity_id, region_id) values (2, 2)`;

  const services: Services = {
    db,
    sql,
    log: pino({ level: 'warn' }),
    now: () => new Date(),
    rapidproFor: () => Promise.reject(new Error('no RapidPro in this benchmark')),
    secrets: createSecretBox('33'.repeat(32)),
    limits: createRateLimits(db, { commandsPerMinute: 1_000_000 }),
    charts: createLocalRenderer(),
    jobs: {
      sendOutbox: async () => {},
      syncOrg: async () => {},
      syncPolls: async () => {},
      fetchRuns: async () => {},
      pushContactEdit: async () => {},
      scheduleDigest: async () => {},
      cancelDigest: async () => {},
      schedule: async () => {},
      cancelSchedule: async () => {},
    },
  };
  return {
    db,
    sql,
    services,
    async close() {
      await close();
      await admin.end();
      await embedded?.stop();
    },
  };
}

/**
 * A fresh database `name` in the benchmarks' PostgreSQL (DATABASE_URL, or the embedded one),
 * migrated; or, with `reuse`, the one a previous run left.
 */
export async function createBenchDatabase(name: string, reuse = false) {
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: '.data/bench' });
  const adminUrl = process.env.DATABASE_URL ?? embedded!.url;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  if (!reuse) {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  }
  const { db, sql, close } = createDb(Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString());
  await migrateDb(db);
  return { db, sql, close, admin, embedded };
}

/**
 * Org 1 with CONTACTS contacts (every twentieth stopped) spread over the parishes of a five-level
 * region tree (BRANCHING), and two reporter groups.
 */
export async function fillWorkspace(sql: Sql): Promise<{ regionCount: number; parishes: number[] }> {
  await sql`insert into orgs (id, name, api_url, api_token_encrypted, timezone) values (1, 'Bench', 'http://127.0.0.1:9', 'v1.x.x.x', 'Africa/Kampala')`;
  // Five levels: a country, provinces, districts, sub-counties, parishes (BRANCHING).
  await sql`insert into regions (id, org_id, uuid, name, parent_id) values (1, 1, 'r1', 'Country', null)`;
  let next = 2;
  let level = [1];
  for (const [depth, name] of ['Province', 'District', 'Subcounty', 'Parish'].entries()) {
    const below: number[] = [];
    for (const parent of level) {
      for (let i = 0; i < BRANCHING[depth]!; i++) {
        await sql`insert into regions (id, org_id, uuid, name, parent_id) values (${next}, 1, ${'r' + next}, ${`${name} ${next}`}, ${parent})`;
        below.push(next++);
      }
    }
    level = below;
  }
  const parishes = level;
  await sql`insert into reporter_groups (id, org_id, uuid, name) values (1, 1, 'g1', 'Head Teachers'), (2, 1, 'g2', 'Teachers')`;
  await sql`
    insert into contacts (org_id, uuid, name, language, urns, fields, region_id, reporter_group_ids, status)
    select 1, 'c' || i, 'Contact ' || i, 'eng', array['tel:+256' || (700000000 + i)],
           jsonb_build_object('gender', case when i % 2 = 0 then 'female' else 'male' end),
           (${parishes}::int[])[1 + i % ${parishes.length}], array[1 + (i % 5 = 0)::int], case when i % 20 = 0 then 'stopped' else 'active' end
    from generate_series(1, ${CONTACTS}) i`;
  return { regionCount: next - 1, parishes };
}
