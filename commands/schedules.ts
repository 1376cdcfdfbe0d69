import type { Command, CommandContext } from '../src/core/command.ts';
import { heading, list, note, paragraph, type Reply } from '../src/core/reply.ts';
import { parseNumberRef } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
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
    const { sql } = ctx.services;
    const mine = ctx.user.role === 'admin' ? sql`` : sql`and s.created_by = ${ctx.user.identityId}`;
    const rows = await sql<
      {
        id: number;
        kind: 'start' | 'remind';
        poll: string;
        region: string | null;
        at: string | null;
        cron: string | null;
        timezone: string;
        day: string | null;
      }[]
    >`
      select s.id, s.kind, p.name as poll, g.name as region, s.cron, s.timezone, pr.day::text as day,
             to_char(s.at at time zone s.timezone, 'YYYY-MM-DD HH24:MI') as at
      from schedules s join polls p on p.id = s.poll_id left join regions g on g.id = s.region_id
      left join poll_runs pr on pr.id = s.poll_run_id
      where s.org_id = ${ctx.org.id} and s.cancelled_at is null and s.done_at is null ${mine}
      order by coalesce(s.at, s.created_at)`;
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
  const mine =
    ctx.user.role === 'admin' ? ctx.services.sql`` : ctx.services.sql`and created_by = ${ctx.user.identityId}`;
  const cancelled = await ctx.services.sql`
    update schedules set cancelled_at = now()
    where id = ${id} and org_id = ${ctx.org.id} and cancelled_at is null and done_at is null ${mine}
    returning id, poll_id as "pollId", kind`;
  if (cancelled.length === 0) throw new UserError('errors.scheduleNotFound', { id });
  await ctx.services.jobs.cancelSchedule(id);
  await recordAudit(ctx.services.db, {
    orgId: ctx.org.id,
    identityId: ctx.user.identityId,
    action: 'schedule.cancel',
    target: `poll:${cancelled[0]!.pollId}`,
    details: { schedule: `#${id}`, kind: cancelled[0]!.kind },
  });
  return { direction: ctx.direction, blocks: [paragraph(ctx.t('commands:schedules.cancelled', { id }))] };
}
