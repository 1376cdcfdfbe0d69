import { and, eq } from 'drizzle-orm';
import type { Command } from '../src/core/command.ts';
import { paragraph } from '../src/core/reply.ts';
import { resolvePoll } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
import { auditLog, polls } from '../src/db/schema/index.ts';

/** `rename <poll> <new name>` — the poll's name here; RapidPro's flow keeps its own. */
export const rename: Command = {
  name: 'rename',
  role: 'admin',
  async run(ctx) {
    // The poll is the first word (or quoted words); the new name is the rest, as typed.
    const parsed = /^\s*\S+\s+("[^"]*"|\S+)\s+([\s\S]+)$/.exec(ctx.invocation.text);
    if (!parsed) throw new UserError('errors.renameUsage', {}, true);
    const poll = await resolvePoll(ctx, parsed[1]!.replace(/^"|"$/g, ''));
    const name = parsed[2]!.trim().replace(/^"|"$/g, '').slice(0, 120);
    await ctx.services.db.update(polls).set({ name }).where(and(eq(polls.id, poll.id), eq(polls.orgId, ctx.org.id)));
    await ctx.services.db.insert(auditLog).values({ orgId: ctx.org.id, identityId: ctx.user.identityId, action: 'poll.rename', target: `poll:${poll.id}`, details: { from: poll.name, to: name } });
    return { direction: ctx.direction, blocks: [paragraph(ctx.t('commands:rename.done', { from: poll.name, to: name }))] };
  },
};
