import type { Command } from '../src/core/command.ts';
import { resolvePollTarget, refuseFilters } from '../src/core/poll-target.ts';
import { heading, list, note, paragraph } from '../src/core/reply.ts';
import type { Standing } from '../src/domain/judge-run.ts';
import { watchDefaults } from '../src/domain/watch-settings.ts';
import { formatEnd } from '../src/watch/build-alert.ts';
import { judgeForUser } from '../src/watch/judge-for-user.ts';

/**
 * `forecast <poll> [region]` — at this pace, where an open poll run is heading by its usual end
 * (from the history curve), for the region asked, the user's regions, or (admins) everyone.
 */
export const forecast: Command = {
  name: 'forecast',
  role: 'supervisor',
  holds: 'figures',
  section: 'polls',
  samples: ['forecast Attendance Kampala'],
  async run(ctx, args) {
    const target = await resolvePollTarget(ctx, args);
    refuseFilters(target, 'forecast');
    const [judged] = await judgeForUser(ctx, [target.run.id]);
    const poll = target.poll.name;
    const day = target.run.day;
    const say = (text: string) => ({ direction: ctx.direction, blocks: [paragraph(text)] });
    if (!judged || judged.judgement.kind === 'ended') return say(ctx.t('commands:forecast.ended', { poll, day }));
    const { judgement } = judged;
    if (judgement.kind === 'no-history')
      return say(
        ctx.t('commands:forecast.noHistory', { poll, count: judgement.runs, needed: watchDefaults.minHistoryRuns }),
      );
    const end = formatEnd(new Date(judged.startedAt.getTime() + judgement.endsAt * 60_000), ctx.lng, ctx.org.timezone);
    // The region asked for; else each of the supervisor's own regions; else (admins) everyone.
    const shown: { name: string; standing: Standing | null | undefined }[] = target.region
      ? [{ name: target.region.name, standing: judgement.byRegion.get(target.region.id) }]
      : ctx.user.role === 'admin'
        ? [{ name: ctx.t('commands:forecast.allRegions'), standing: judgement.total }]
        : ctx.user.grantedRegionIds.flatMap((id) => {
            const region = ctx.regions.byId.get(id);
            return region ? [{ name: region.name, standing: judgement.byRegion.get(id) }] : [];
          });
    const basis = shown.find((s) => s.standing)?.standing;
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:forecast.title', { poll, day })),
        list(
          shown.map(({ name, standing }) =>
            standing
              ? ctx.t('commands:forecast.line', { region: name, end, ...standing })
              : ctx.t('commands:forecast.noOneAsked', { region: name }),
          ),
        ),
        ...(basis ? [note(ctx.t(`watch:basis_${basis.basis}`, { count: basis.runs }))] : []),
      ],
    };
  },
};
