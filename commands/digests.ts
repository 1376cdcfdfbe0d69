import type { Command } from '../src/core/command.ts';
import { heading, list, note } from '../src/core/reply.ts';
import { listDigests } from '../src/db/queries/list-digests.ts';
import { weekdayOfCron } from '../src/domain/weekday.ts';

/** `digests` — the scheduled digests of this chat (admins: of the whole org). */
export const digests: Command = {
  name: 'digests',
  role: 'supervisor',
  holds: 'figures',
  section: 'schedules',
  samples: ['digests'],
  async run(ctx) {
    // Admins see the org's digests; supervisors this chat's.
    const chat =
      ctx.user.role === 'admin' ? null : { platform: ctx.invocation.platform, chatId: ctx.invocation.chatId };
    const rows = await listDigests(ctx.services.sql, ctx.org.id, chat);
    if (rows.length === 0) return { direction: ctx.direction, blocks: [note(ctx.t('commands:digests.none'))] };
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:digests.title')),
        list(
          rows.map((r) => {
            const [minute, hour] = r.cron.split(' ');
            const time = `${hour!.padStart(2, '0')}:${minute!.padStart(2, '0')}`;
            const day = weekdayOfCron(r.cron);
            const when =
              day === null
                ? ctx.t('commands:digest.when_daily', { time, timezone: r.timezone })
                : ctx.t('commands:digest.when_weekly', {
                    time,
                    day: ctx.t(`commands:digest.day_${day}`),
                    timezone: r.timezone,
                  });
            return ctx.t(r.paused ? 'commands:digests.linePaused' : 'commands:digests.line', {
              id: r.id,
              when,
              regions: r.regions ?? ctx.t('commands:digest.allRegions'),
              chat: r.chat,
            });
          }),
        ),
        note(ctx.t('commands:digests.hint')),
      ],
    };
  },
};
