import { and, eq } from 'drizzle-orm';
import type { Command, CommandContext } from '../src/core/command.ts';
import { heading, list, note, paragraph, type Reply } from '../src/core/reply.ts';
import { resolveRegion } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
import { auditLog, chatIdentities, identityRegions } from '../src/db/schema/index.ts';
import { platforms, type Platform } from '../src/db/schema/chat.ts';

/**
 * `supervisor add <platform:user> <region> [<region> …]`, `supervisor remove <platform:user>`,
 * `supervisors` — who supervises which regions. A user is written as slack:<team>:<user>,
 * telegram:<id> or console:<name>; the chat dialogs fill this in for you.
 */
export const supervisor: Command = {
  name: 'supervisor',
  aliases: ['supervisors'],
  role: 'admin',
  async run(ctx, [action, who, ...regionNames]) {
    if (!action || action === 'list') return show(ctx);
    const user = parseUser(who);
    if (action === 'add') {
      if (regionNames.length === 0) throw new UserError('errors.missingRegion', {}, true);
      const regions = regionNames.map((name) => resolveRegion(ctx, name));
      await ctx.services.db.transaction(async (tx) => {
        const [identity] = await tx
          .insert(chatIdentities)
          .values({ orgId: ctx.org.id, platform: user.platform, externalId: user.externalId, displayName: user.externalId, role: 'supervisor' })
          .onConflictDoUpdate({ target: [chatIdentities.platform, chatIdentities.externalId], set: { orgId: ctx.org.id } })
          .returning({ id: chatIdentities.id, role: chatIdentities.role });
        if (identity!.role === 'admin') throw new UserError('errors.alreadyAdmin');
        await tx.insert(identityRegions).values(regions.map((r) => ({ identityId: identity!.id, regionId: r.id }))).onConflictDoNothing();
        await tx.insert(auditLog).values({ orgId: ctx.org.id, identityId: ctx.user.identityId, action: 'supervisor.add', target: who, details: { regions: regions.map((r) => r.name) } });
      });
      return { direction: ctx.direction, blocks: [paragraph(ctx.t('commands:supervisor.added', { user: who, regions: regions.map((r) => r.name).join(', ') }))] };
    }
    if (action === 'remove') {
      const removed = await ctx.services.db
        .delete(chatIdentities)
        .where(and(eq(chatIdentities.orgId, ctx.org.id), eq(chatIdentities.platform, user.platform), eq(chatIdentities.externalId, user.externalId), eq(chatIdentities.role, 'supervisor')))
        .returning({ id: chatIdentities.id });
      if (removed.length === 0) throw new UserError('errors.noSuchSupervisor', { user: who });
      await ctx.services.db.insert(auditLog).values({ orgId: ctx.org.id, identityId: ctx.user.identityId, action: 'supervisor.remove', target: who });
      return { direction: ctx.direction, blocks: [paragraph(ctx.t('commands:supervisor.removed', { user: who }))] };
    }
    throw new UserError('errors.supervisorUsage', {}, true);
  },
};

function parseUser(who: string | undefined): { platform: Platform; externalId: string } {
  const match = /^([a-z]+):(.+)$/.exec(who ?? '');
  if (!match || !(platforms as readonly string[]).includes(match[1]!)) throw new UserError('errors.supervisorUser', {}, true);
  return { platform: match[1] as Platform, externalId: match[2]! };
}

async function show(ctx: CommandContext): Promise<Reply> {
  const rows = await ctx.services.sql<{ platform: string; external: string; regions: string[] | null }[]>`
    select i.platform, i.external_id as external, array_agg(g.name order by g.name) filter (where g.id is not null) as regions
    from chat_identities i left join identity_regions ir on ir.identity_id = i.id left join regions g on g.id = ir.region_id
    where i.org_id = ${ctx.org.id} and i.role = 'supervisor'
    group by i.id order by i.platform, i.external_id`;
  return {
    direction: ctx.direction,
    blocks: [
      heading(ctx.t('commands:supervisor.title')),
      rows.length > 0
        ? list(rows.map((r) => ctx.t('commands:supervisor.line', { user: `${r.platform}:${r.external}`, regions: (r.regions ?? []).join(', ') || ctx.t('commands:setup.none') })))
        : note(ctx.t('commands:supervisor.none')),
    ],
  };
}
