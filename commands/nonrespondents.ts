import type { Command } from '../src/core/command.ts';
import { buttons, heading, list, note, type Button } from '../src/core/reply.ts';
import { pageButtons, readPage } from '../src/core/paging.ts';
import { resolvePollTarget } from '../src/core/poll-target.ts';
import { listCohort } from '../src/db/queries/list-cohort.ts';
import { countParticipation } from '../src/db/queries/count-participation.ts';
import { summariseParticipation } from '../src/domain/participation.ts';

const PAGE_SIZE = 20;

/**
 * `nonrespondents <poll> [date] [region]` — who has not completed it, a page at a time, each with
 * the number `restart … contacts=<numbers>` takes; a button restarts the poll for all of them
 * (after a confirmation that counts them). Buttons carry numbers, never names: Telegram's button data is short.
 */
export const nonrespondents: Command = {
  name: 'nonrespondents',
  aliases: ['nr'],
  role: 'supervisor',
  holds: 'contacts',
  section: 'messaging',
  samples: ['nonrespondents Attendance latest Kampala', 'nonrespondents Attendance latest Kampala --page=2'],
  async run(ctx, args) {
    const { page, words } = readPage(args);
    const target = await resolvePollTarget(ctx, words);
    const [rows, counts] = await Promise.all([
      listCohort(ctx.services.sql, target.run.id, target.scope, 'nonrespondents', {
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE + 1,
      }),
      countParticipation(ctx.services.sql, target.run.id, target.scope),
    ]);
    const { total } = summariseParticipation(counts, ctx.regions);
    const waiting = total.asked - total.complete;
    const more = rows.length > PAGE_SIZE;
    const shown = rows.slice(0, PAGE_SIZE);
    const base = `nonrespondents #${target.poll.id} ${target.run.day}${target.region ? ` #${target.region.id}` : ''}`;
    const nav: Button[] = pageButtons(ctx, base, page, more);
    const run = `#${target.poll.id} ${target.run.day}${target.region ? ` #${target.region.id}` : ''}`;
    nav.push({ label: ctx.t('commands:nonrespondents.remind'), command: `message ${run} nonrespondents` });
    // Everyone who has not completed it, on every page, as the label says; choosing some is typed
    // (the hint below). The confirmation counts them again before anything is sent.
    if (shown.length > 0) {
      nav.push({ label: ctx.t('commands:nonrespondents.restartAll', { count: waiting }), command: `restart ${run}` });
    }
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:nonrespondents.title', { poll: target.poll.name, day: target.run.day })),
        // What the list counts, before the list: how many have not completed, of how many asked.
        note(
          ctx.t('commands:nonrespondents.total', {
            count: waiting,
            asked: total.asked,
            empty: total.empty,
            partial: total.partial,
          }),
        ),
        shown.length > 0
          ? list(
              shown.map(
                (c) =>
                  `${c.id}. ${ctx.t(`commands:nonrespondents.line_${c.status}`, { name: c.name ?? c.urn ?? c.uuid, region: c.region })}`,
              ),
            )
          : note(ctx.t('commands:nonrespondents.none')),
        note(ctx.t('commands:nonrespondents.pageOf', { page, pages: Math.max(1, Math.ceil(waiting / PAGE_SIZE)) })),
        ...(shown.length > 0
          ? [
              note(
                ctx.t('commands:nonrespondents.restartHint', {
                  poll: target.poll.name,
                  day: target.run.day,
                  example: shown
                    .slice(0, 2)
                    .map((c) => c.id)
                    .join(','),
                }),
              ),
            ]
          : []),
        buttons(...nav),
      ],
    };
  },
};
