import type { Command, CommandContext } from '../src/core/command.ts';
import { heading, list, note, paragraph, type Reply } from '../src/core/reply.ts';
import { parseNumberRef } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
import { cancelSchedule } from '../src/db/queries/cancel-schedule.ts';
import { listSchedules } from '../src/db/queries/list-schedules.ts';
import { recordAudit } from '../src/db/queries/record-audit.ts';
import { describeCron, describeNextRun } from '../src/domain/describe-cron.ts';

/**
 * `schedules` — poll starts and reminders still to come (admins: the org's; supervisors: their
 * own); `schedules cancel <#id>` calls one off.
 */
export const schedulesCommand: Command = {
  name: 'schedules',
  role: 'supervisor',
  holds: 'figures',
  section: 'schedules',
  samples: ['schedules', 'schedules cancel #1'],
  async run(ctx, [what, ref]) {
    if (what?.toLowerCase() === 'cancel') return cancel(ctx, ref);
    if (what) throw new UserError('errors.schedulesUsage', {}, true);
    // Admins see the org's schedules; supervisors their own.
    const mine = ctx.user.role === 'admin' ? null : ctx.user.identityId;
    const rows = await listSchedules(ctx.services.sql, ctx.org.id, mine);
    if (rows.length === 0) return { direction: ctx.direction, blocks: [note(ctx.t('commands:schedules.none'))] };
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:schedules.title')),
        list(
          rows.map((r) =>
            r.kind === 'remind'
              ? ctx.t('commands:schedules.remind', {
                  id: r.id,
                  poll: r.poll,
                  day: r.day,
                  at: r.at,
                  region: r.region ?? ctx.t('commands:digest.yourRegions'),
                })
              : r.cron
                ? ctx.t('commands:schedules.startEvery', {
                    id: r.id,
                    poll: r.poll,
                    region: r.region,
                    when: describeCron(r.cron, ctx.lng),
                    next: describeNextRun(r.cron, r.timezone, ctx.services.now(), ctx.lng),
                  })
                : ctx.t('commands:schedules.startAt', { id: r.id, poll: r.poll, region: r.region, at: r.at }),
          ),
        ),
        note(ctx.t('commands:schedules.hint')),
      ],
    };
  },
};

async function cancel(ctx: CommandContext, ref: string | undefined): Promise<Reply> {
  const id = parseNumberRef(ref);
  if (!id) throw new UserError('errors.scheduleWhich', {}, true);
  const cancelled = await cancelSchedule(
    ctx.services.sql,
    ctx.org.id,
    id,
    ctx.user.role === 'admin' ? null : ctx.user.identityId,
  );
  if (!cancelled) throw new UserError('errors.scheduleNotFound', { id });
  await ctx.services.jobs.cancelSchedule(id);
  await recordAudit(ctx.services.db, {
    orgId: ctx.org.id,
    identityId: ctx.user.identityId,
    action: 'schedule.cancel',
    target: `poll:${cancelled.pollId}`,
    details: { schedule: `#${id}`, kind: cancelled.kind },
  });
  return { direction: ctx.direction, blocks: [paragraph(ctx.t('commands:schedules.cancelled', { id }))] };
}
