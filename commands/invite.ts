import type { Command } from '../src/core/command.ts';
import { note, paragraph } from '../src/core/reply.ts';
import { resolveRegion } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
import { recordAudit } from '../src/db/queries/record-audit.ts';
import { invites } from '../src/db/schema/index.ts';
import { newInviteCode } from '../src/core/invite-code.ts';

const VALID_DAYS = 7;

/**
 * `invite supervisor <region> [<region> …]` or `invite admin` — a single-use code that links
 * whoever redeems it (`join <code>`; on Telegram, by opening the bot's link) with that role.
 */
export const invite: Command = {
  name: 'invite',
  role: 'admin',
  holds: 'personal',
  samples: ['invite supervisor Kampala', 'invite admin'],
  async run(ctx, [role, ...regionWords]) {
    if (role !== 'supervisor' && role !== 'admin') throw new UserError('errors.inviteUsage', {}, true);
    if (role === 'supervisor' && regionWords.length === 0) throw new UserError('errors.inviteUsage', {}, true);
    // Each word is a region (names with spaces in quotes), as in `supervisor add`.
    const regions = regionWords.map((word) => resolveRegion(ctx, word));
    const code = newInviteCode();
    const expiresAt = new Date(ctx.services.now().getTime() + VALID_DAYS * 86_400_000);
    await ctx.services.db.insert(invites).values({
      orgId: ctx.org.id,
      code,
      role,
      regionIds: regions.map((r) => r.id),
      createdBy: ctx.user.identityId,
      expiresAt,
    });
    // The code itself is a secret until it is used: never recorded.
    await recordAudit(ctx.services.db, {
      orgId: ctx.org.id,
      identityId: ctx.user.identityId,
      action: 'invite.create',
      details: {
        role,
        ...(regions.length > 0 ? { regions: regions.map((r) => r.name) } : {}),
      },
    });
    const { platform, botName } = ctx.invocation;
    return {
      direction: ctx.direction,
      private: true,
      blocks: [
        paragraph(
          ctx.t(`commands:invite.created_${role}`, {
            regions: regions.map((r) => r.name).join(', '),
            count: VALID_DAYS,
          }),
        ),
        paragraph(platform === 'telegram' && botName ? `https://t.me/${botName}?start=${code}` : `join ${code}`),
        note(ctx.t('commands:invite.once')),
      ],
    };
  },
};
