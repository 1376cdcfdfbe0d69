import type { Command, CommandContext } from '../src/core/command.ts';
import { heading, list, note, paragraph, type Reply } from '../src/core/reply.ts';
import { UserError } from '../src/core/user-error.ts';
import { resolveRegion } from '../src/core/resolve.ts';
import { assignContactGroups } from '../src/db/queries/assign-contact-groups.ts';
import {
  choosePolls,
  chooseRegions,
  chooseReporterGroups,
  setRegionParent,
  type GroupRef,
} from '../src/db/queries/choose-groups.ts';
import { listPolls } from '../src/db/queries/list-polls.ts';
import { matchByName } from '../src/domain/match-name.ts';
import { ancestorsOf } from '../src/domain/region-tree.ts';
import { listOffered } from '../src/rapidpro/list-offered.ts';
import { connectWorkspace } from '../src/rapidpro/connect-workspace.ts';
import { recordAudit } from '../src/db/queries/record-audit.ts';

/**
 * `setup` — what the org uses from its RapidPro workspace:
 *   setup                               show the choices and what RapidPro offers
 *   setup connect <url> <token>         connect the RapidPro workspace (the token is checked
 *                                       with RapidPro, stored encrypted and never shown again)
 *   setup polls <flow> [<flow> …]       which flows are polls
 *   setup regions <group> [<group> …]   which contact groups are regions
 *   setup reporters <group> [<group> …] which contact groups are reporter groups
 *   setup parent <region> <parent|none> arrange the region tree
 *   setup boundary <region> <boundary|none> the RapidPro boundary a region is drawn with on maps
 * Names with spaces go in quotes. A change re-derives what it can from the mirror and fetches
 * only what it changed: regions and reporter groups come from the groups each contact is already
 * known to be in (no RapidPro request beyond finding the names); new polls fetch their questions
 * and their own runs, not the whole workspace again.
 */
export const setup: Command = {
  name: 'setup',
  role: 'admin',
  holds: 'personal',
  samples: ['setup'],
  async run(ctx, [what, ...names]) {
    if (!what) return show(ctx);
    switch (what.toLowerCase()) {
      case 'connect':
        return connect(ctx, names);
      case 'polls': {
        await choosePolls(ctx.services.sql, ctx.org.id, await pickAll(ctx, 'flows', names));
        await recordChange(ctx, 'polls', { names });
        await ctx.services.jobs.syncPolls(ctx.org.id);
        return {
          direction: ctx.direction,
          blocks: [paragraph(ctx.t('commands:setup.saved')), note(ctx.t('commands:setup.syncing'))],
        };
      }
      case 'regions':
        await chooseRegions(ctx.services.sql, ctx.org.id, await pickAll(ctx, 'groups', names));
        break;
      case 'reporters':
        await chooseReporterGroups(ctx.services.sql, ctx.org.id, await pickAll(ctx, 'groups', names));
        break;
      case 'parent':
        return arrange(ctx, names);
      case 'boundary':
        return linkBoundary(ctx, names);
      default:
        throw new UserError('errors.setupUnknown', { what }, true);
    }
    // Contacts' groups are mirrored whole, so new regions and reporter groups need no fetch; the
    // figures this changes are marked stale by the contacts' triggers and rebuilt when read.
    await assignContactGroups(ctx.services.sql, ctx.org.id);
    await recordChange(ctx, what.toLowerCase(), { names });
    return { direction: ctx.direction, blocks: [paragraph(ctx.t('commands:setup.saved'))] };
  },
};

function recordChange(ctx: CommandContext, part: string, details: Record<string, unknown>) {
  return recordAudit(ctx.services.db, {
    orgId: ctx.org.id,
    identityId: ctx.user.identityId,
    action: 'setup.change',
    target: part,
    details,
  });
}

async function connect(ctx: CommandContext, [url, token, ...extra]: string[]): Promise<Reply> {
  if (!url || !token || extra.length > 0) throw new UserError('errors.setupConnectUsage', {}, true);
  const workspace = await connectWorkspace(ctx.services, ctx.org.id, url, token);
  // The URL is recorded; the token never is.
  await recordChange(ctx, 'connect', { url });
  await ctx.services.jobs.syncOrg(ctx.org.id);
  return {
    direction: ctx.direction,
    private: true,
    blocks: [
      paragraph(ctx.t('commands:setup.connected', { workspace: workspace.name, timezone: workspace.timezone })),
      note(ctx.t('commands:setup.syncing')),
    ],
  };
}

function offered(ctx: CommandContext, kind: 'flows' | 'groups'): Promise<GroupRef[]> {
  return ctx.services.rapidproFor(ctx.org.id).then((rapidpro) => listOffered(rapidpro, kind));
}

async function pickAll(ctx: CommandContext, kind: 'flows' | 'groups', names: string[]): Promise<GroupRef[]> {
  if (names.length === 0) throw new UserError('errors.setupNoNames', {}, true);
  const available = (await offered(ctx, kind)).map((item, id) => ({ ...item, id }));
  return names.map((name) => {
    const match = matchByName(available, name);
    if (match.kind === 'found') return match.item;
    throw new UserError(match.kind === 'none' && match.suggestion ? 'errors.setupSuggest' : 'errors.setupNotFound', {
      name,
      suggestion: match.kind === 'none' ? match.suggestion?.name : undefined,
    });
  });
}

async function arrange(ctx: CommandContext, [child, parent]: string[]): Promise<Reply> {
  if (!child || !parent) throw new UserError('errors.setupParentUsage', {}, true);
  const region = resolveRegion(ctx, child);
  const above = ['none', '-', 'top'].includes(parent.toLowerCase()) ? null : resolveRegion(ctx, parent);
  if (above && ancestorsOf(ctx.regions, above.id).includes(region.id)) {
    throw new UserError('errors.setupCycle', { region: region.name, parent: above.name });
  }
  await setRegionParent(ctx.services.sql, ctx.org.id, region.id, above?.id ?? null);
  await assignContactGroups(ctx.services.sql, ctx.org.id);
  await recordChange(ctx, 'parent', { region: region.name, parent: above?.name ?? null });
  return {
    direction: ctx.direction,
    blocks: [
      paragraph(
        above
          ? ctx.t('commands:setup.parentSet', { region: region.name, parent: above.name })
          : ctx.t('commands:setup.parentCleared', { region: region.name }),
      ),
    ],
  };
}

/**
 * Maps draw a region with the RapidPro boundary of its own name; a region named otherwise
 * ("Kampala" for the boundary "Kampala District") is linked here, by name or OSM id.
 */
async function linkBoundary(ctx: CommandContext, [regionName, ...boundaryWords]: string[]): Promise<Reply> {
  const wanted = boundaryWords.join(' ').trim();
  if (!regionName || !wanted) throw new UserError('errors.setupBoundaryUsage', {}, true);
  const region = resolveRegion(ctx, regionName);
  const { sql } = ctx.services;
  let boundary: { id: number; name: string; osmId: string } | null = null;
  if (!['none', '-'].includes(wanted.toLowerCase())) {
    const offered = await sql<{ id: number; name: string; osmId: string }[]>`
      select id, name, osm_id as "osmId" from boundaries where org_id = ${ctx.org.id} and geometry is not null order by level, name`;
    const byOsm = offered.find((b) => b.osmId.toLowerCase() === wanted.toLowerCase());
    const match = byOsm ? { kind: 'found' as const, item: byOsm } : matchByName(offered, wanted);
    if (match.kind !== 'found') {
      const names = (match.kind === 'ambiguous' ? match.candidates : offered)
        .slice(0, 12)
        .map((b) => `${b.name} (${b.osmId})`);
      throw new UserError('errors.boundaryNotFound', { query: wanted, names: names.join(', ') || '—' });
    }
    boundary = match.item;
  }
  await sql`update regions set boundary_id = ${boundary?.id ?? null} where id = ${region.id} and org_id = ${ctx.org.id}`;
  await recordChange(ctx, 'boundary', { region: region.name, boundary: boundary?.name ?? null });
  return {
    direction: ctx.direction,
    blocks: [
      paragraph(
        boundary
          ? ctx.t('commands:setup.boundarySet', { region: region.name, boundary: boundary.name, osm: boundary.osmId })
          : ctx.t('commands:setup.boundaryCleared', { region: region.name }),
      ),
    ],
  };
}

async function show(ctx: CommandContext): Promise<Reply> {
  const [flows, groups, chosenPolls] = await Promise.all([
    offered(ctx, 'flows'),
    offered(ctx, 'groups'),
    listPolls(ctx.services.db, ctx.org.id),
  ]);
  const regions = [...ctx.regions.byId.values()];
  const reporters = await ctx.services.sql<{ name: string }[]>`
    select name from reporter_groups where org_id = ${ctx.org.id} and is_active order by name`;
  const none = ctx.t('commands:setup.none');
  const names = (items: { name: string }[]) => (items.length ? items.map((i) => i.name).join(', ') : none);
  return {
    direction: ctx.direction,
    private: true,
    blocks: [
      heading(ctx.t('commands:setup.title', { org: ctx.org.name })),
      list([
        ctx.t('commands:setup.polls', { names: names(chosenPolls) }),
        ctx.t('commands:setup.regions', {
          names: regions.length
            ? regions
                .map((r) => (r.parentId ? `${r.name} (${ctx.regions.byId.get(r.parentId)?.name})` : r.name))
                .join(', ')
            : none,
        }),
        ctx.t('commands:setup.reporters', { names: names(reporters) }),
      ]),
      heading(ctx.t('commands:setup.offered')),
      list([
        ctx.t('commands:setup.flows', { names: names(flows) }),
        ctx.t('commands:setup.groups', { names: names(groups) }),
      ]),
      note(ctx.t('commands:setup.howTo')),
    ],
  };
}
