// One pass of the watch over an org: judge every open poll run against its history, then tell
// each person of the regions newly behind in their scope, once. An alert is claimed in
// PostgreSQL (watch_alerts) before it is sent, so processes running the pass side by side, a
// retry or a restart never send it twice; a post the platform refuses gives the claim back.
import type { Logger } from 'pino';
import type { I18n } from '../core/i18n.ts';
import type { ChatRef, Notifier } from '../core/notifier.ts';
import type { Sql } from '../db/client.ts';
import type { Platform, Role } from '../db/schema/chat.ts';
import type { OrgSettings } from '../db/schema/orgs.ts';
import { loadRegionTree } from '../db/queries/load-region-tree.ts';
import type { Db } from '../db/client.ts';
import { isQuiet } from '../domain/quiet-hours.ts';
import { ancestorsOf, withDescendants, type RegionTree } from '../domain/region-tree.ts';
import { defaultQuietHours, toWatchSettings } from '../domain/watch-settings.ts';
import type { Standing } from '../domain/judge-run.ts';
import { buildAlert, type AlertItem } from './build-alert.ts';
import { judgeOpenRuns, listOpenRuns, type JudgedRun } from './judge-open-runs.ts';

export interface WatchDeps {
  db: Db;
  sql: Sql;
  log: Logger;
  notifier: Notifier;
  i18n: I18n;
  now(): Date;
}

interface Person {
  id: number;
  platform: Platform;
  externalId: string;
  role: Role;
  language: string | null;
  regionIds: number[];
  quietStartsAt: number | null;
  quietEndsAt: number | null;
}

interface Mute {
  identityId: number;
  pollId: number | null;
  regionId: number | null;
}

export type WatchCounts = {
  openRuns: number;
  behind: number;
  alerts: number;
};

export async function watchOrg(deps: WatchDeps, orgId: number): Promise<WatchCounts> {
  const [org] = await deps.sql<{ timezone: string; settings: OrgSettings }[]>`
    select timezone, settings from orgs where id = ${orgId}`;
  if (!org) return { openRuns: 0, behind: 0, alerts: 0 };
  const now = deps.now();
  const tree = await loadRegionTree(deps.db, orgId);
  const open = await listOpenRuns(deps.sql, orgId, org.timezone, now);
  const judged = await judgeOpenRuns(
    { sql: deps.sql, tree, scope: { all: true }, settings: toWatchSettings(org.settings.watch), now },
    open,
  );
  const behind = new Map(
    judged.map((run) => [
      run.id,
      run.judgement.kind === 'open' ? [...run.judgement.byRegion].filter(([, s]) => s.level > 0) : [],
    ]),
  );
  const behindCount = [...behind.values()].reduce((n, regions) => n + regions.length, 0);
  if (behindCount === 0) return { openRuns: open.length, behind: 0, alerts: 0 };

  const people = await deps.sql<Person[]>`
    select i.id, i.platform, i.external_id as "externalId", i.role, i.language,
           coalesce(array_agg(ir.region_id) filter (where ir.region_id is not null), '{}') as "regionIds",
           q.starts_at as "quietStartsAt", q.ends_at as "quietEndsAt"
    from chat_identities i
    left join identity_regions ir on ir.identity_id = i.id
    left join watch_quiet_hours q on q.identity_id = i.id
    where i.org_id = ${orgId}
    group by i.id, q.starts_at, q.ends_at
    order by i.id`;
  const mutes = await deps.sql<Mute[]>`
    select m.identity_id as "identityId", m.poll_id as "pollId", m.region_id as "regionId"
    from watch_mutes m join chat_identities i on i.id = m.identity_id where i.org_id = ${orgId}`;
  // Alerts already sent, so a pass claims only what is new (the claim itself still decides).
  const sent = new Set(
    (
      await deps.sql<{ key: string }[]>`
        select poll_run_id || ':' || region_id || ':' || level || ':' || identity_id as key
        from watch_alerts where poll_run_id = any(${judged.map((run) => run.id)})`
    ).map((row) => row.key),
  );
  let alerts = 0;
  for (const person of people) {
    const quiet =
      person.quietStartsAt === null
        ? defaultQuietHours
        : { startsAt: person.quietStartsAt, endsAt: person.quietEndsAt! };
    // During quiet hours nothing is claimed: the next pass after them judges again, so a region
    // that caught up overnight is never mentioned.
    if (isQuiet(now, org.timezone, quiet)) continue;
    const own = mutes.filter((m) => m.identityId === person.id);
    const scope = person.role === 'admin' ? null : new Set(withDescendants(tree, person.regionIds));
    for (const run of judged) {
      if (behind.get(run.id)!.length === 0) continue;
      try {
        alerts += await alertPerson(deps, {
          person,
          run,
          tree,
          behind: behind.get(run.id)!,
          scope,
          mutes: own,
          sent,
          timezone: org.timezone,
          orgId,
        });
      } catch (error) {
        deps.log.warn({ err: error, identityId: person.id, pollRunId: run.id }, 'could not send a watch alert');
      }
    }
  }
  return { openRuns: open.length, behind: behindCount, alerts };
}

async function alertPerson(
  deps: WatchDeps,
  input: {
    person: Person;
    run: JudgedRun;
    tree: RegionTree;
    /** The run's regions behind. */
    behind: readonly [number, Standing][];
    /** The person's regions and those below them; null for an admin's (all). */
    scope: ReadonlySet<number> | null;
    mutes: Mute[];
    sent: ReadonlySet<string>;
    timezone: string;
    orgId: number;
  },
): Promise<number> {
  const { person, run, tree } = input;
  if (run.judgement.kind !== 'open') return 0;
  const isMuted = (regionId: number) =>
    input.mutes.some(
      (m) =>
        (m.pollId === null || m.pollId === run.pollId) &&
        (m.regionId === null || ancestorsOf(tree, regionId).includes(m.regionId)),
    );
  const candidates: AlertItem[] = [];
  for (const [regionId, standing] of input.behind) {
    const region = tree.byId.get(regionId);
    if (!region || (input.scope && !input.scope.has(regionId)) || isMuted(regionId)) continue;
    if (input.sent.has(`${run.id}:${regionId}:${standing.level}:${person.id}`)) continue;
    candidates.push({ region, standing });
  }
  if (candidates.length === 0) return 0;
  const claimed = await claimAlerts(deps.sql, person, run.id, candidates, tree);
  const items = candidates.filter((c) => claimed.has(`${c.region.id}:${c.standing.level}`));
  if (items.length === 0) return 0;

  const reply = buildAlert(deps.i18n.forLanguage(person.language), {
    poll: { id: run.pollId, name: run.poll },
    day: run.day,
    items,
    endsAt: new Date(run.startedAt.getTime() + run.judgement.endsAt * 60_000),
    timezone: input.timezone,
  });
  try {
    await deps.notifier.post(chatOf(person), reply);
  } catch (error) {
    // Refused outright: the claim is given back, so a later pass may try again.
    const given = [...claimed].map((key) => key.split(':').map(Number) as [number, number]);
    await deps.sql`
      delete from watch_alerts where poll_run_id = ${run.id} and identity_id = ${person.id}
        and (region_id, level) in (select * from unnest(${given.map((g) => g[0])}::int[], ${given.map((g) => g[1])}::int[]))`;
    throw error;
  }
  await deps.sql`
    insert into audit_log (org_id, identity_id, action, target, details)
    values (${input.orgId}, ${person.id}, 'watch.alert', ${`poll:${run.pollId}`},
            ${JSON.stringify({ day: run.day, regions: items.map((i) => `${i.region.name} (${i.standing.level})`) })}::jsonb)`;
  return 1;
}

/**
 * Claims each region's alert at its level (and the levels below it, so a region that eases
 * from far behind to behind is not announced again) for this person. The claim checks again
 * that the person still exists and still holds a region above it, and that the region is still
 * chosen: a supervisor removed, or a region dropped, since the pass began gets nothing.
 * Returns `<region>:<level>` of the alerts this call claimed.
 */
async function claimAlerts(
  sql: Sql,
  person: Person,
  pollRunId: number,
  items: AlertItem[],
  tree: RegionTree,
): Promise<Set<string>> {
  const rows = items.flatMap(({ region, standing }) => {
    const anchor = ancestorsOf(tree, region.id).find((id) => person.regionIds.includes(id)) ?? null;
    return Array.from({ length: standing.level }, (_, i) => ({ region: region.id, level: i + 1, anchor }));
  });
  const claimed = await sql<{ regionId: number; level: number }[]>`
    insert into watch_alerts (poll_run_id, region_id, level, identity_id)
    select ${pollRunId}::int, x.region, x.level, i.id
    from unnest(${rows.map((r) => r.region)}::int[], ${rows.map((r) => r.level)}::int[], ${rows.map((r) => r.anchor)}::int[])
      as x(region, level, anchor)
    join chat_identities i on i.id = ${person.id}
    join regions g on g.id = x.region and g.is_active
    where i.role = 'admin'
       or exists (select 1 from identity_regions ir where ir.identity_id = i.id and ir.region_id = x.anchor)
    on conflict do nothing
    returning region_id as "regionId", level`;
  return new Set(claimed.map((c) => `${c.regionId}:${c.level}`));
}

/**
 * A person's own chat with the bot. On Slack, chat.postMessage to a user id posts in the bot's
 * direct conversation with them (shared/research/chat-platforms.md, "DMs"); a Telegram private
 * chat's id is the user's id, and the bot reaches it once they have pressed Start.
 */
function chatOf(person: Person): ChatRef {
  const chatId =
    person.platform === 'slack'
      ? person.externalId.split(':')[1]!
      : person.platform === 'telegram'
        ? person.externalId
        : 'console';
  return { platform: person.platform, chatId };
}
