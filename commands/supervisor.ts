import { and, eq, inArray } from 'drizzle-orm';
import { findSupervisor, type Supervisor } from '../src/db/queries/find-supervisor.ts';
import { listSupervisors } from '../src/db/queries/list-supervisors.ts';
import { recordAudit } from '../src/db/queries/record-audit.ts';
import { withdrawSetups } from '../src/db/queries/withdraw-setups.ts';
import { withDescendants } from '../src/domain/region-tree.ts';
import type { Command, CommandContext } from '../src/core/command.ts';
import { buttons, heading, list, note, paragraph, type Reply } from '../src/core/reply.ts';
import { resolveRegion } from '../src/core/resolve.ts';
import { UserError } from '../src/core/user-error.ts';
import { chatIdentities, identityRegions } from '../src/db/schema/index.ts';
import { platforms, type Platform } from '../src/db/schema/chat.ts';

/**
 * `supervisor add <platform:user> <region> [<region> …]`, `supervisor remove <platform:user>
 * [<region> …]` (only those regions; with none, the person, after a confirmation),
 * `supervisors` — who supervises which regions. A user is written as slack:<team>:<user>,
 * telegram:<id> or console:<name>; the chat dialogs fill this in for you.
 */
export const supervisor: Command = {
  name: 'supervisor',
  aliases: ['supervisors'],
  role: 'admin',
  holds: 'personal',
  samples: [
    'supervisors',
    'supervisor add console:someone Kampala',
    'supervisor remove console:someone Kampala',
    'supervisor remove console:someone',
  ],
  async run(ctx, [action, who, ...regionNames]) {
    if (!action || action === 'list') return show(ctx);
    const user = parseUser(who);
    if (action === 'add') {
      if (regionNames.length === 0) throw new UserError('errors.missingRegion', {}, true);
      const regions = regionNames.map((name) => resolveRegion(ctx, name));
      await ctx.services.db.transaction(async (tx) => {
        const [identity] = await tx
          .insert(chatIdentities)
          .values({
            orgId: ctx.org.id,
            platform: user.platform,
            externalId: user.externalId,
            displayName: user.externalId,
            role: 'supervisor',
          })
          .onConflictDoUpdate({
            target: [chatIdentities.platform, chatIdentities.externalId],
            set: { orgId: ctx.org.id },
          })
          .returning({ id: chatIdentities.id, role: chatIdentities.role });
        if (identity!.role === 'admin') throw new UserError('errors.alreadyAdmin');
        await tx
          .insert(identityRegions)
          .values(regions.map((r) => ({ identityId: identity!.id, regionId: r.id })))
          .onConflictDoNothing();
        await recordAudit(tx, {
          orgId: ctx.org.id,
          identityId: ctx.user.identityId,
          action: 'supervisor.add',
          target: who,
          details: { regions: regions.map((r) => r.name) },
        });
      });
      return {
        direction: ctx.direction,
        blocks: [
          paragraph(ctx.t('commands:supervisor.added', { user: who, regions: regions.map((r) => r.name).join(', ') })),
        ],
      };
    }
    if (action === 'remove') {
      const confirmed = regionNames.at(-1) === '--confirm';
      const names = confirmed ? regionNames.slice(0, -1) : regionNames;
      return names.length > 0 ? unassign(ctx, who!, user, names) : removeSupervisor(ctx, who!, user, confirmed);
    }
    throw new UserError('errors.supervisorUsage', {}, true);
  },
};

/**
 * What each platform's user ids look like: Slack team and user ids (T…/E… and U…/W…), Telegram's
 * numeric ids, a console name. Anything else would be stored as a supervisor no one can ever be.
 */
const userIdShapes: Record<Platform, RegExp> = {
  slack: /^[TE][A-Z0-9]{2,}:[UW][A-Z0-9]{2,}$/,
  telegram: /^[1-9]\d{0,15}$/,
  console: /^[\p{L}\p{N}._-]+$/u,
};

function parseUser(who: string | undefined): { platform: Platform; externalId: string } {
  const match = /^([a-z]+):(.+)$/.exec(who ?? '');
  if (!match || !(platforms as readonly string[]).includes(match[1]!))
    throw new UserError('errors.supervisorUser', {}, true);
  const platform = match[1] as Platform;
  if (!userIdShapes[platform].test(match[2]!)) throw new UserError('errors.supervisorUser', {}, true);
  return { platform, externalId: match[2]! };
}

/** The supervisor a user names; an error the admin can read when they are none. */
async function supervisorOf(
  ctx: CommandContext,
  who: string,
  user: { platform: Platform; externalId: string },
): Promise<Supervisor> {
  const row = await findSupervisor(ctx.services.sql, ctx.org.id, user.platform, user.externalId);
  if (!row) throw new UserError('errors.noSuchSupervisor', { user: who });
  return row;
}

/** `supervisor remove <user> <region> …`: takes those regions away, and nothing else. */
async function unassign(
  ctx: CommandContext,
  who: string,
  user: { platform: Platform; externalId: string },
  names: string[],
): Promise<Reply> {
  const supervisor = await supervisorOf(ctx, who, user);
  const regions = names.map((name) => resolveRegion(ctx, name));
  const missing = regions.filter((r) => !supervisor.regions.some((held) => held.id === r.id));
  if (missing.length > 0)
    throw new UserError('errors.supervisorLacksRegion', { user: who, regions: missing.map((r) => r.name).join(', ') });
  const ids = regions.map((r) => r.id);
  await ctx.services.db.transaction(async (tx) => {
    await tx
      .delete(identityRegions)
      .where(and(eq(identityRegions.identityId, supervisor.id), inArray(identityRegions.regionId, ids)));
    await recordAudit(tx, {
      orgId: ctx.org.id,
      identityId: ctx.user.identityId,
      action: 'supervisor.unassign',
      target: who,
      details: { regions: regions.map((r) => r.name) },
    });
  });
  const kept = supervisor.regions.filter((r) => !ids.includes(r.id));
  const withdrawn = await withdraw(
    ctx,
    supervisor.id,
    withDescendants(
      ctx.regions,
      kept.map((r) => r.id),
    ),
  );
  return {
    direction: ctx.direction,
    blocks: [
      paragraph(ctx.t('commands:supervisor.unassigned', { user: who, regions: regions.map((r) => r.name).join(', ') })),
      note(
        kept.length > 0
          ? ctx.t('commands:supervisor.stillSupervises', { regions: kept.map((r) => r.name).join(', ') })
          : ctx.t('commands:supervisor.noRegionsLeft'),
      ),
      ...withdrawn,
    ],
  };
}

/** `supervisor remove <user>`: the person loses all access, so it is asked first. */
async function removeSupervisor(
  ctx: CommandContext,
  who: string,
  user: { platform: Platform; externalId: string },
  confirmed: boolean,
): Promise<Reply> {
  const supervisor = await supervisorOf(ctx, who, user);
  if (!confirmed) {
    const regions = supervisor.regions.map((r) => r.name).join(', ') || ctx.t('commands:setup.none');
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:supervisor.removeTitle', { user: who })),
        paragraph(ctx.t('commands:supervisor.removeQuestion', { regions })),
        buttons(
          {
            label: ctx.t('commands:supervisor.removeConfirm'),
            command: `supervisor remove ${who} --confirm`,
            style: 'danger',
          },
          { label: ctx.t('common:cancel'), command: 'cancel' },
        ),
      ],
    };
  }
  // Withdrawn before the person goes: afterwards nothing would name them as its creator.
  const withdrawn = await withdraw(ctx, supervisor.id, []);
  const removed = await ctx.services.db
    .delete(chatIdentities)
    .where(and(eq(chatIdentities.id, supervisor.id), eq(chatIdentities.role, 'supervisor')))
    .returning({ id: chatIdentities.id });
  if (removed.length === 0) throw new UserError('errors.noSuchSupervisor', { user: who });
  await recordAudit(ctx.services.db, {
    orgId: ctx.org.id,
    identityId: ctx.user.identityId,
    action: 'supervisor.remove',
    target: who,
  });
  return {
    direction: ctx.direction,
    blocks: [paragraph(ctx.t('commands:supervisor.removed', { user: who })), ...withdrawn],
  };
}

/** Stops or narrows what the person set up, and says so (nothing when there was nothing). */
async function withdraw(ctx: CommandContext, identityId: number, keep: number[]): Promise<Reply['blocks']> {
  const withdrawn = await withdrawSetups(ctx.services.sql, identityId, keep);
  for (const id of withdrawn.digests) await ctx.services.jobs.cancelDigest(id);
  for (const id of withdrawn.schedules) await ctx.services.jobs.cancelSchedule(id);
  const { digests, schedules } = { digests: withdrawn.digests.length, schedules: withdrawn.schedules.length };
  if (digests + schedules + withdrawn.drafts + withdrawn.invites === 0) return [];
  return [
    note(
      ctx.t('commands:supervisor.withdrawn', {
        digests,
        schedules,
        drafts: withdrawn.drafts,
        invites: withdrawn.invites,
      }),
    ),
  ];
}

async function show(ctx: CommandContext): Promise<Reply> {
  const rows = await listSupervisors(ctx.services.sql, ctx.org.id);
  return {
    direction: ctx.direction,
    blocks: [
      heading(ctx.t('commands:supervisor.title')),
      rows.length > 0
        ? list(
            rows.map((r) =>
              ctx.t('commands:supervisor.line', {
                user: `${r.platform}:${r.external}`,
                regions: (r.regions ?? []).join(', ') || ctx.t('commands:setup.none'),
              }),
            ),
          )
        : note(ctx.t('commands:supervisor.none')),
    ],
  };
}
