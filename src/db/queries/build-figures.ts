import type { Sql } from '../client.ts';

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
  for (const id of await staleAmong(sql, pollRunIds)) await buildFigures(sql, id);
}

/** Builds every stale poll run of an org (after a sync, so readers rarely wait). */
export async function buildStaleFigures(sql: Sql, orgId: number): Promise<number> {
  const runs = await sql<{ id: number }[]>`select id from poll_runs where org_id = ${orgId}`;
  const stale = await staleAmong(
    sql,
    runs.map((r) => r.id),
  );
  for (const id of stale) await buildFigures(sql, id);
  return stale.length;
}

/**
 * Rebuilds one poll run's figures in a single statement, so the data and the version it records
 * come from one snapshot: a write committed meanwhile leaves the figures marked stale, never
 * wrong. Builders of the same poll run take turns; the second finds nothing left to do.
 */
async function buildFigures(sql: Sql, pollRunId: number): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('figures'), ${pollRunId})`;
    if ((await staleAmong(tx as unknown as Sql, [pollRunId])).length === 0) return;
    await tx`
      with version as (
        select coalesce((select version from figures_state where poll_run_id = ${pollRunId}), 0) as v
      ),
      counted as materialized (
        -- Only active contacts inside a region count, as in TracPro.
        select r.id, r.status, c.region_id, c.reporter_group_ids
        from responses r join contacts c on c.id = r.contact_id
        where r.poll_run_id = ${pollRunId} and c.status = 'active' and not c.is_deleted and c.region_id is not null
      ),
      answered as materialized (
        select c.region_id, a.question_id, a.category, a.value, a.value_number
        from answers a join counted c on c.id = a.response_id
      ),
      clear_participation as (delete from participation_figures where poll_run_id = ${pollRunId}),
      clear_answers as (delete from answer_figures where poll_run_id = ${pollRunId}),
      clear_words as (delete from word_figures where poll_run_id = ${pollRunId}),
      participation as (
        -- One row per set of reporter groups: totals add the rows, each group adds the rows
        -- whose set holds it.
        insert into participation_figures (poll_run_id, region_id, reporter_group_ids, status, n)
        select ${pollRunId}, region_id, reporter_group_ids, status, count(*) from counted group by 2, 3, 4
      ),
      categories as (
        insert into answer_figures (poll_run_id, region_id, question_id, category, n, numbers, sum, min, max)
        select ${pollRunId}, region_id, question_id, category, count(*), count(value_number),
               sum(value_number), min(value_number), max(value_number)
        from answered group by 2, 3, 4
      ),
      words as (
        insert into word_figures (poll_run_id, region_id, question_id, word, n)
        select ${pollRunId}, a.region_id, a.question_id, w.word, count(*)
        from answered a join questions q on q.id = a.question_id and q.type = 'open',
             regexp_split_to_table(lower(a.value), ${WORD_SPLIT}) as w(word)
        where a.value is not null and length(w.word) > 1
        group by 2, 3, 4
      )
      insert into figures_built (poll_run_id, version) select ${pollRunId}, v from version
      on conflict (poll_run_id) do update set version = excluded.version`;
  });
}
