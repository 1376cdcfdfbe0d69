// A digest: for each poll run of the last week in the subscription's regions, participation and
// how it moved since the previous digest, how many have not answered with a button to see them.
// Built from the mirror when it is sent, in the subscription's language.
import { buildParticipationChart } from '../charts/build-participation-chart.ts';
import { chartRegions } from '../charts/chart-regions.ts';
import { ChartUnavailableError, type ChartRenderer, type ChartSpec } from '../charts/chart-spec.ts';
import type { Scope } from '../core/command.ts';
import type { Translator } from '../core/i18n.ts';
import { buttons, heading, list, note, type Block, type Reply } from '../core/reply.ts';
import type { Sql } from '../db/client.ts';
import { countParticipation } from '../db/queries/count-participation.ts';
import { findPollRun } from '../db/queries/find-poll-run.ts';
import { listPolls } from '../db/queries/list-polls.ts';
import type { Db } from '../db/client.ts';
import { localDay } from '../domain/local-day.ts';
import { completionRate, summariseParticipation } from '../domain/participation.ts';
import { topRegions, type RegionTree } from '../domain/region-tree.ts';
import { judgeFor, regionsBehind } from '../watch/judge-for-user.ts';

/** Poll runs older than this are history, not news. */
const RECENT_DAYS = 7;

export interface DigestInput {
  db: Db;
  sql: Sql;
  orgId: number;
  timezone: string;
  scope: Scope;
  regions: RegionTree;
  translator: Translator;
  charts: ChartRenderer;
  now: Date;
  /** Share complete per poll run, as the previous digest showed it. */
  previous: Record<string, number> | null;
  /** The chat takes no pictures (`pictures off`): charts come as text. */
  textOnly: boolean;
}

export async function buildDigest(input: DigestInput): Promise<{ reply: Reply; figures: Record<string, number> }> {
  const { t, direction, lng } = input.translator;
  const since = localDay(new Date(input.now.getTime() - RECENT_DAYS * 86_400_000), input.timezone);
  const figures: Record<string, number> = {};
  const title = heading(
    t('digests:title', { regions: scopeName(input.scope, input.regions, t), day: localDay(input.now, input.timezone) }),
  );
  const sections: { blocks: Block[]; chart: ChartSpec | null; waiting: Block | null }[] = [];
  let changed = false;
  for (const poll of await listPolls(input.db, input.orgId)) {
    const run = await findPollRun(input.sql, poll.id, input.scope);
    if (!run || run.day < since) continue;
    const { total, byRegion } = summariseParticipation(
      await countParticipation(input.sql, run.id, input.scope),
      input.regions,
    );
    const rate = completionRate(total);
    figures[run.id] = rate;
    const before = input.previous?.[run.id];
    if (before === undefined || Math.abs(rate - before) >= 0.005) changed = true;
    const waiting = total.asked - total.complete;
    const lines = [
      t('digests:participation', { rate, complete: total.complete, asked: total.asked }),
      // The first digest has nothing to compare with; after it, a run it did not show is new.
      ...(input.previous === null
        ? []
        : [
            before === undefined
              ? t('digests:new')
              : t('digests:change', { points: Math.round((rate - before) * 100) }),
          ]),
      t('digests:waiting', { count: waiting }),
      ...(await behindLine(input, run.id)),
    ];
    const regions = chartRegions(input.regions, input.scope, byRegion);
    sections.push({
      blocks: [heading(t('digests:poll', { poll: poll.name, day: run.day })), list(lines)],
      chart:
        regions.length === 0
          ? null
          : buildParticipationChart(
              {
                title: t('charts:participationTitle', { poll: poll.name }),
                caption: t('charts:caption', {
                  poll: poll.name,
                  day: run.day,
                  scope: t('charts:digestScope'),
                  count: total.complete + total.partial,
                }),
                locale: lng,
                direction,
              },
              regions,
              t('charts:completeAxis'),
            ),
      waiting:
        waiting > 0
          ? buttons({
              label: t('digests:seeWaiting', { poll: poll.name }),
              command: `nonrespondents #${poll.id} ${run.day}`,
            })
          : null,
    });
  }
  if (sections.length === 0)
    return { reply: { direction, blocks: [title, note(t('digests:noPollRuns', { count: RECENT_DAYS }))] }, figures };
  // Nothing moved since the last digest: one short line instead of the same figures again.
  if (!changed) return { reply: { direction, blocks: [title, note(t('digests:nothingNew'))] }, figures };
  const blocks: Block[] = [title];
  for (const section of sections) {
    blocks.push(...section.blocks);
    // Charts are drawn only for a digest that is sent with news.
    if (section.chart)
      blocks.push(input.textOnly ? list(section.chart.text) : await drawn(section.chart, input.charts, t));
    if (section.waiting) blocks.push(section.waiting);
  }
  return { reply: { direction, blocks }, figures };
}

/** The regions behind their usual pace in this poll run, when it is open and any are. */
async function behindLine(input: DigestInput, pollRunId: number): Promise<string[]> {
  const [run] = await judgeFor({ ...input, tree: input.regions }, [pollRunId]);
  const behind = run ? regionsBehind(run, input.scope).map((id) => input.regions.byId.get(id)!.name) : [];
  return behind.length > 0 ? [input.translator.t('digests:behind', { regions: behind.join(', ') })] : [];
}

/** The chart, or a line saying why it is missing: a chart server down costs the picture, not the digest. */
async function drawn(chart: ChartSpec, charts: ChartRenderer, t: Translator['t']): Promise<Block> {
  try {
    return { type: 'image', png: await charts.render(chart), alt: chart.alt, filename: chart.filename };
  } catch (error) {
    if (!(error instanceof ChartUnavailableError)) throw error;
    return note(t('digests:chartUnavailable', { server: error.server }));
  }
}

/** The regions a digest covers, by name: the top-most of its scope ("Kampala, Gulu"), or all. */
function scopeName(scope: Scope, tree: RegionTree, t: Translator['t']): string {
  if (scope.all) return t('digests:allRegions');
  return topRegions(tree, scope.regionIds)
    .map((r) => r.name)
    .join(', ');
}
