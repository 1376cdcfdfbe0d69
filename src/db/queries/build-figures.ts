import type { Sql } from '../client.ts';
import { countedContact } from './counted-contact.ts';

// The words of an open answer, as `results` counts them.
export const WORD_SPLIT = "[^[:alnum:]'’-]+";

/** Poll runs among `pollRunIds` whose figures are missing or behind their data. */
async function staleAmong(sql: Sql, pollRunIds: number[]): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select p.id from unnest(${pollRunIds}::int[]) as p(id)
    left join figures_state s on s.poll_run_id = p.id
    left join figures_built b on b.poll_run_id = p.id
    where b.version is null or b.version < coalesce(s.version, 0)`;
  return rows.map((r) => r.id);
}

/** Makes the figures of these poll runs current, building the stale ones. */
export async function ensureFigures(sql: Sql, pollRunIds: number[]): Promise<void> {
  if (pollRunIds.length === 0) return;
  await buildInChunks(sql, await staleAmong(sql, pollRunIds));
}

/** Builds every stale poll run of an org (after a sync, so readers rarely wait). */
export async function buildStaleFigures(sql: Sql, orgId: number): Promise<number> {
  const runs = await sql<{ id: number }[]>`select id from poll_runs where org_id = ${orgId}`;
  const stale = await staleAmong(
    sql,
    runs.map((r) => r.id),
  );
  await buildInChunks(sql, stale);
  return stale.length;
}

/**
 * Poll runs built by one statement. A backfill leaves hundreds of small poll runs stale (one a
 * day), and building them one transaction each cost more in round trips and commits than in
 * counting; a chunk keeps each transaction, and the locks it holds, short.
 */
const CHUNK = 100;

async function buildInChunks(sql: Sql, pollRunIds: number[]): Promise<void> {
  const sorted = [...pollRunIds].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += CHUNK) await buildFigures(sql, sorted.slice(i, i + CHUNK));
}

/**
 * Rebuilds these poll runs' figures in a single statement, so the data and the versions it
 * records come from one snapshot: a write committed meanwhile leaves the figures marked stale,
 * never wrong. Builders of the same poll run take turns (the locks are taken in ascending order,
 * so two builders never wait on each other in a circle); the second finds nothing left to do.
 */
async function buildFigures(sql: Sql, sortedIds: number[]): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`
      select pg_advisory_xact_lock(hashtext('figures'), id)
      from (select id from unnest(${sortedIds}::int[]) as p(id) order by id) as ordered`;
    const ids = await staleAmong(tx as unknown as Sql, sortedIds);
    if (ids.length === 0) return;
    await tx`
      with versions as (
        select p.id as poll_run_id, coalesce(s.version, 0) as v
        from unnest(${ids}::int[]) as p(id) left join figures_state s on s.poll_run_id = p.id
      ),
      counted as materialized (
        select r.id, r.poll_run_id, r.status, c.region_id, c.reporter_group_ids
        from responses r join contacts c on c.id = r.contact_id
        where r.poll_run_id = any(${ids}::int[]) and ${countedContact(tx as unknown as Sql)}
      ),
      answered as materialized (
        select c.poll_run_id, c.region_id, a.question_id, a.category, a.value, a.value_number
        from answers a join counted c on c.id = a.response_id
      ),
      clear_participation as (delete from participation_figures where poll_run_id = any(${ids}::int[])),
      clear_answers as (delete from answer_figures where poll_run_id = any(${ids}::int[])),
      clear_words as (delete from word_figures where poll_run_id = any(${ids}::int[])),
      participation as (
        -- One row per set of reporter groups: totals add the rows, each group adds the rows
        -- whose set holds it.
        insert into participation_figures (poll_run_id, region_id, reporter_group_ids, status, n)
        select poll_run_id, region_id, reporter_group_ids, status, count(*) from counted group by 1, 2, 3, 4
      ),
      categories as (
        insert into answer_figures (poll_run_id, region_id, question_id, category, n, numbers, sum, min, max)
        select poll_run_id, region_id, question_id, category, count(*), count(value_number),
               sum(value_number), min(value_number), max(value_number)
        from answered group by 1, 2, 3, 4
      ),
      words as (
        insert into word_figures (poll_run_id, region_id, question_id, word, n)
        select a.poll_run_id, a.region_id, a.question_id, w.word, count(*)
        from answered a join questions q on q.id = a.question_id and q.type = 'open',
             regexp_split_to_table(lower(a.value), ${WORD_SPLIT}) as w(word)
        where a.value is not null and length(w.word) > 1
        group by 1, 2, 3, 4
      )
      insert into figures_built (poll_run_id, version) select poll_run_id, v from versions
      on conflict (poll_run_id) do update set version = excluded.version`;
  });
}
