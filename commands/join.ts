import type { Command } from '../src/core/command.ts';
import { paragraph } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';

/**
 * `join <code>` — redeems an invite: the code is spent in the same statement that checks it, so
 * two people (or two processes) racing for one code link one person.
 */
export const join: Command = {
  name: 'join',
  role: 'supervisor',
  holds: 'personal',
  samples: ['join nothing'],
  hidden: true,
  async run() {
    throw new UserError('errors.alreadyLinked');
  },
  async runUnlinked(ctx, [code]) {
    if (!code) throw new UserError('errors.inviteInvalid');
    const { platform, userId, userName } = ctx.invocation;
    const linked = await ctx.services.sql.begin(async (tx) => {
      const [invite] = await tx<{ id: number; orgId: number; role: 'admin' | 'supervisor'; regionIds: number[] }[]>`
        update invites set used_at = now()
        where code = ${code} and used_at is null and expires_at > now()
        returning id, org_id as "orgId", role, region_ids as "regionIds"`;
      if (!invite) return null;
      const [identity] = await tx<{ id: number }[]>`
        insert into chat_identities (org_id, platform, external_id, display_name, role)
        values (${invite.orgId}, ${platform}, ${userId}, ${userName ?? null}, ${invite.role})
        returning id`;
      for (const regionId of invite.regionIds) {
        await tx`insert into identity_regions (identity_id, region_id) values (${identity!.id}, ${regionId})`;
      }
      await tx`update invites set used_by = ${identity!.id} where id = ${invite.id}`;
      await tx`
        insert into audit_log (org_id, identity_id, action, target, details)
        values (${invite.orgId}, ${identity!.id}, 'invite.join', ${`${platform}:${userId}`}, ${JSON.stringify({ role: invite.role })}::jsonb)`;
      return invite;
    });
    if (!linked) throw new UserError('errors.inviteInvalid');
    return { direction: ctx.direction, blocks: [paragraph(ctx.t(`commands:join.welcome_${linked.role}`))] };
  },
};
