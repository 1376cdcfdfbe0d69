import type { Command, CommandContext } from '../src/core/command.ts';
import { fields, heading, note, paragraph, type Reply } from '../src/core/reply.ts';
import { resolvePoll, resolveRegion } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
import { readWatchSettings } from '../src/db/queries/read-watch-settings.ts';
import { listEveryPoll, type PollSummary } from '../src/db/queries/list-polls.ts';
import { listCoveringMutes, listWatchMutes, type WatchMute } from '../src/db/queries/list-watch-mutes.ts';
import { muteWatch, unmuteWatch } from '../src/db/queries/mute-watch.ts';
import { readQuietHours } from '../src/db/queries/read-quiet-hours.ts';
import { recordAudit } from '../src/db/queries/record-audit.ts';
import { setQuietHours } from '../src/db/queries/set-quiet-hours.ts';
import { setWatchThresholds } from '../src/db/queries/set-watch-thresholds.ts';
import { formatQuietHours, parseQuietHours, type QuietHours } from '../src/domain/quiet-hours.ts';
import { ancestorsOf, withDescendants, type RegionNode } from '../src/domain/region-tree.ts';
import { defaultQuietHours } from '../src/domain/watch-settings.ts';
import { judgeForUser, regionsBehind } from '../src/watch/judge-for-user.ts';

/**
 * `watch` — what the watch tells you about (open polls, regions behind, mutes, quiet hours);
 * `watch off|on [poll] [region]` mutes or unmutes alerts; `watch quiet <hh:mm-hh:mm>|off` sets
 * your quiet hours; `watch threshold <percent> <contacts>` (admins) what "behind" means.
 */
export const watch: Command = {
  name: 'watch',
  role: 'supervisor',
  // Your own mutes and quiet hours, and the open polls of your regions.
  holds: 'personal',
  section: 'schedules',
  samples: [
    'watch',
    'watch off Attendance Kampala',
    'watch on Attendance Kampala',
    'watch quiet 21:00-06:30',
    'watch threshold 25 10',
  ],
  async run(ctx, [verb, ...rest]) {
    switch (verb?.toLowerCase()) {
      case undefined:
        return show(ctx);
      case 'off':
        return mute(ctx, rest);
      case 'on':
        return unmute(ctx, rest);
      case 'quiet':
        return quiet(ctx, rest.join(''));
      case 'threshold':
        return threshold(ctx, rest);
      default:
        throw new UserError('errors.watchUsage', {}, true);
    }
  },
};

interface Target {
  poll: PollSummary | null;
  region: RegionNode | null;
}

/** `[poll] [region]`: a poll first when the first word names one, else a region alone. */
async function readTarget(ctx: CommandContext, words: string[]): Promise<Target> {
  if (words.length === 0) return { poll: null, region: null };
  try {
    const poll = await resolvePoll(ctx, words[0]!);
    return { poll, region: words.length > 1 ? resolveRegion(ctx, words.slice(1).join(' ')) : null };
  } catch (error) {
    if (!(error instanceof UserError) || !error.key.startsWith('errors.poll')) throw error;
    try {
      return { poll: null, region: resolveRegion(ctx, words.join(' ')) };
    } catch {
      throw error;
    }
  }
}

function describe(ctx: CommandContext, { poll, region }: Target): string {
  const kind = poll && region ? 'pollRegion' : poll ? 'poll' : region ? 'region' : 'all';
  return ctx.t(`commands:watch.what_${kind}`, { poll: poll?.name, region: region?.name });
}

function audit(ctx: CommandContext, action: string, target: string | null, details: Record<string, unknown>) {
  return recordAudit(ctx.services.db, { orgId: ctx.org.id, identityId: ctx.user.identityId, action, target, details });
}

async function mute(ctx: CommandContext, words: string[]): Promise<Reply> {
  const target = await readTarget(ctx, words);
  await muteWatch(ctx.services.sql, ctx.user.identityId, target.poll?.id ?? null, target.region?.id ?? null);
  await audit(ctx, 'watch.mute', target.poll ? `poll:${target.poll.id}` : null, {
    region: target.region?.name ?? null,
  });
  const again = [target.poll?.name, target.region?.name]
    .filter((w): w is string => Boolean(w))
    .map((w) => (/\s/.test(w) ? `"${w}"` : w))
    .join(' ');
  return {
    direction: ctx.direction,
    blocks: [paragraph(ctx.t('commands:watch.mutedNow', { what: describe(ctx, target), again }))],
  };
}

async function unmute(ctx: CommandContext, words: string[]): Promise<Reply> {
  const target = await readTarget(ctx, words);
  const below = target.region ? withDescendants(ctx.regions, [target.region.id]) : null;
  // The mutes this names (that poll, in that region or below it); broader ones are said, not undone.
  await unmuteWatch(ctx.services.sql, ctx.user.identityId, target.poll?.id ?? null, below);
  await audit(ctx, 'watch.unmute', target.poll ? `poll:${target.poll.id}` : null, {
    region: target.region?.name ?? null,
  });
  const above = target.region ? ancestorsOf(ctx.regions, target.region.id) : [];
  const still = await listCoveringMutes(ctx.services.sql, ctx.user.identityId, target.poll?.id ?? null, above);
  const blocks = [paragraph(ctx.t('commands:watch.unmuted', { what: describe(ctx, target) }))];
  if (still.length > 0)
    blocks.push(note(ctx.t('commands:watch.stillMuted', { what: await describeMutes(ctx, still) })));
  return { direction: ctx.direction, blocks };
}

async function describeMutes(ctx: CommandContext, rows: WatchMute[]) {
  const polls = await listEveryPoll(ctx.services.sql, ctx.org.id);
  return rows
    .map((m) =>
      describe(ctx, {
        poll: (polls.find((p) => p.id === m.pollId) as PollSummary | undefined) ?? null,
        region: m.regionId === null ? null : (ctx.regions.byId.get(m.regionId) ?? null),
      }),
    )
    .join(', ');
}

async function quiet(ctx: CommandContext, text: string): Promise<Reply> {
  const hours: QuietHours | null = text.toLowerCase() === 'off' ? { startsAt: 0, endsAt: 0 } : parseQuietHours(text);
  if (!hours) throw new UserError('errors.badQuietHours', { text });
  await setQuietHours(ctx.services.sql, ctx.user.identityId, hours);
  await audit(ctx, 'watch.quiet', null, { hours: hours.startsAt === hours.endsAt ? 'off' : formatQuietHours(hours) });
  return {
    direction: ctx.direction,
    blocks: [
      paragraph(
        hours.startsAt === hours.endsAt
          ? ctx.t('commands:watch.quietOff')
          : ctx.t('commands:watch.quietSet', { hours: formatQuietHours(hours), timezone: ctx.org.timezone }),
      ),
    ],
  };
}

async function threshold(ctx: CommandContext, [percentText, countText]: string[]): Promise<Reply> {
  if (ctx.user.role !== 'admin') throw new UserError('errors.adminOnly');
  const percent = Number(/^(\d{1,2})\s*%?$/.exec(percentText ?? '')?.[1]);
  const count = Number(countText);
  if (!(percent >= 1 && percent <= 99) || !Number.isInteger(count) || count < 1 || count > 100_000)
    throw new UserError('errors.badThreshold');
  const watch = { belowShare: percent / 100, minMissing: count };
  await setWatchThresholds(ctx.services.sql, ctx.org.id, watch);
  await audit(ctx, 'watch.threshold', null, { percent, count });
  return {
    direction: ctx.direction,
    blocks: [
      paragraph(
        ctx.t('commands:watch.thresholdSet', {
          org: ctx.org.name,
          threshold: ctx.t('commands:watch.threshold', { percent: watch.belowShare, count }),
        }),
      ),
    ],
  };
}

async function show(ctx: CommandContext): Promise<Reply> {
  const [settings, judged, mutes, quietHours] = await Promise.all([
    readWatchSettings(ctx.services.sql, ctx.org.id),
    judgeForUser(ctx),
    listWatchMutes(ctx.services.sql, ctx.user.identityId),
    readQuietHours(ctx.services.sql, ctx.user.identityId),
  ]);
  const hours = quietHours ?? defaultQuietHours;
  const open = judged.flatMap((run) => {
    if (run.judgement.kind !== 'open') return [];
    const behind = regionsBehind(run, ctx.scope).map((id) => ctx.regions.byId.get(id)!.name);
    return [
      behind.length > 0
        ? ctx.t('commands:watch.openBehind', { poll: run.poll, day: run.day, regions: behind.join(', ') })
        : ctx.t('commands:watch.openOnTrack', { poll: run.poll, day: run.day }),
    ];
  });
  const regions =
    ctx.user.role === 'admin'
      ? ctx.t('commands:watch.regionsAll')
      : ctx.user.grantedRegionIds.map((id) => ctx.regions.byId.get(id)?.name ?? `#${id}`).join(', ');
  return {
    direction: ctx.direction,
    blocks: [
      heading(ctx.t('commands:watch.title')),
      fields([
        { label: ctx.t('commands:watch.open'), value: open.join('\n') || ctx.t('commands:watch.openNone') },
        { label: ctx.t('commands:watch.regions'), value: regions },
        {
          label: ctx.t('commands:watch.muted'),
          value: mutes.length > 0 ? await describeMutes(ctx, mutes) : ctx.t('commands:watch.mutedNone'),
        },
        {
          label: ctx.t('commands:watch.quiet'),
          value:
            hours.startsAt === hours.endsAt
              ? ctx.t('commands:watch.quietNone')
              : `${formatQuietHours(hours)} (${ctx.org.timezone})`,
        },
        {
          label: ctx.t('commands:watch.behindMeans'),
          value: ctx.t('commands:watch.threshold', { percent: settings.belowShare, count: settings.minMissing }),
        },
      ]),
      note(ctx.t('commands:watch.hint')),
    ],
  };
}
