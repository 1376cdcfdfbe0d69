// Poll runs with known curves, written into a demo org's mirror (the watch reads nothing else):
// in every region, contact i of n completes `5 + 120·i/n` minutes after the start (times the
// region's lag), and the last fifth never does. Four weekly runs make the history; one more is
// the open run, written as far as `elapsedMinutes` after its start.
import type { DemoOrg } from './demo-org.ts';

export const WATCH_POLL_NAME = 'Readiness';

/** Creates the poll and its four past runs, a week apart, each started at `hour` local time. */
export async function seedWatchPoll(demo: DemoOrg, opened: Date): Promise<{ pollId: number }> {
  const [poll] = await demo.sql<{ id: number }[]>`
    insert into polls (org_id, uuid, flow_name, name) values (${demo.org.id}, 'watch-test-flow', ${WATCH_POLL_NAME}, ${WATCH_POLL_NAME})
    returning id`;
  for (const weeksAgo of [4, 3, 2, 1]) {
    const start = new Date(opened.getTime() - weeksAgo * 7 * 86_400_000);
    await writeRun(demo, { pollId: poll!.id, start, elapsedMinutes: 7 * 24 * 60, lag: {} });
  }
  return { pollId: poll!.id };
}

/** Writes (or rewrites) a run's responses as they stand `elapsedMinutes` after `start`. */
export async function writeRun(
  demo: DemoOrg,
  run: { pollId: number; start: Date; elapsedMinutes: number; lag: Record<string, number> },
): Promise<number> {
  const day = run.start.toLocaleDateString('en-CA', { timeZone: demo.org.timezone });
  const [pollRun] = await demo.sql<{ id: number }[]>`
    insert into poll_runs (org_id, poll_id, kind, day) values (${demo.org.id}, ${run.pollId}, 'universal', ${day})
    on conflict (poll_id, day) where kind = 'universal' do update set day = excluded.day
    returning id`;
  await demo.sql`
    with asked as (
      select c.id, c.region_id,
             (row_number() over (partition by c.region_id order by c.id) - 1)::float8 as i,
             count(*) over (partition by c.region_id)::float8 as n,
             coalesce((${JSON.stringify(run.lag)}::jsonb ->> g.name)::float8, 1) as lag
      from contacts c join regions g on g.id = c.region_id
      where c.org_id = ${demo.org.id} and c.status = 'active' and not c.is_deleted
    ), timed as (
      select id, i < 0.8 * n as finishes, (5 + 120 * i / n) * lag as minutes from asked
    )
    insert into responses (org_id, poll_run_id, contact_id, run_uuid, status, created_on, updated_on)
    select ${demo.org.id}, ${pollRun!.id}, id, 'watch-' || ${pollRun!.id} || '-' || id,
           case when finishes and minutes <= ${run.elapsedMinutes} then 'complete' else 'empty' end,
           ${run.start.toISOString()}::timestamptz,
           ${run.start.toISOString()}::timestamptz + make_interval(secs => 60 * case when finishes and minutes <= ${run.elapsedMinutes} then minutes else 0 end)
    from timed
    on conflict (poll_run_id, contact_id) do update set status = excluded.status, updated_on = excluded.updated_on`;
  return pollRun!.id;
}
