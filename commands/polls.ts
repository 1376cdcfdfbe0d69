import { eq } from 'drizzle-orm';
import type { Command } from '../src/core/command.ts';
import { buttons, heading, note, paragraph, type Block } from '../src/core/reply.ts';
import { countParticipation } from '../src/db/queries/count-participation.ts';
import { findPollRun } from '../src/db/queries/find-poll-run.ts';
import { listPolls } from '../src/db/queries/list-polls.ts';
import { chatIdentities } from '../src/db/schema/index.ts';
import { completionRate, summariseParticipation } from '../src/domain/participation.ts';

/** `polls` — every poll with the date it was last conducted and that run's participation. */
export const polls: Command = {
  name: 'polls',
  role: 'supervisor',
  holds: 'figures',
  section: 'polls',
  samples: ['polls'],
  async run(ctx) {
    const { db, sql } = ctx.services;
    const all = await listPolls(db, ctx.org.id);
    if (all.length === 0) return { direction: ctx.direction, blocks: [note(ctx.t('commands:polls.none'))] };
    // Remembered, so the numbers of this list can stand for the polls in the next command.
    await db
      .update(chatIdentities)
      .set({ lastPolls: all.map((p) => p.id) })
      .where(eq(chatIdentities.id, ctx.user.identityId));
    const rows = await Promise.all(
      all.map(async (poll, index): Promise<Block[]> => {
        const name = poll.isArchived ? ctx.t('commands:polls.archivedName', { name: poll.name }) : poll.name;
        const run = await findPollRun(sql, poll.id, ctx.scope);
        if (!run) return [paragraph(ctx.t('commands:polls.lineNever', { n: index + 1, name }))];
        const { total } = summariseParticipation(await countParticipation(sql, run.id, ctx.scope), ctx.regions);
        const line = ctx.t('commands:polls.line', {
          n: index + 1,
          name,
          day: run.day,
          rate: completionRate(total),
          complete: total.complete,
          asked: total.asked,
        });
        // Where to go from here (App Home shows this reply as the supervisor's dashboard).
        const target = `#${poll.id} ${run.day}`;
        return [
          paragraph(line),
          buttons(
            { label: ctx.t('commands:polls.participation'), command: `participation ${target}` },
            { label: ctx.t('commands:polls.nonrespondents'), command: `nonrespondents ${target}` },
            { label: ctx.t('commands:polls.chart'), command: `chart ${target}` },
          ),
        ];
      }),
    );
    return {
      direction: ctx.direction,
      blocks: [heading(ctx.t('commands:polls.title')), ...rows.flat(), note(ctx.t('commands:polls.hint'))],
    };
  },
};
