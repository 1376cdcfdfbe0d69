import type { Command, CommandContext } from '../src/core/command.ts';
import { buttons, heading, list, note, paragraph, type Reply } from '../src/core/reply.ts';
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
import { describeRemoval } from '../src/db/queries/describe-removal.ts';
import { listChosen } from '../src/db/queries/list-chosen-groups.ts';
import { listDrawableBoundaries, type Boundary } from '../src/db/queries/list-boundaries.ts';
import { listOffered } from '../src/db/queries/list-offered.ts';
import { listPolls } from '../src/db/queries/list-polls.ts';
import { listReporterGroups } from '../src/db/queries/list-reporter-groups.ts';
import { setRegionBoundary } from '../src/db/queries/set-region-boundary.ts';
import { listGrantedRegions, ungrantRegions } from '../src/db/queries/ungrant-regions.ts';
import { withdrawSetups } from '../src/db/queries/withdraw-setups.ts';
import { matchByName } from '../src/domain/match-name.ts';
import { ancestorsOf, withDescendants } from '../src/domain/region-tree.ts';
import { connectWorkspace } from '../src/rapidpro/connect-workspace.ts';
import { recordAudit } from '../src/db/queries/record-audit.ts';
import { findOffered } from '../src/setup/find-offered.ts';
import { quote } from '../src/core/dialog.ts';

/**
 * `setup` — what the org uses from its RapidPro workspace:
 *   setup                               show the choices and what RapidPro offers
 *   setup connect <url> <token>         connect the RapidPro workspace (the token is checked
 *                                       with RapidPro, stored encrypted and never shown again)
 *   setup polls [add|remove] <flow> …   which flows are polls (without add or remove: exactly these)
 *   setup regions [add|remove] <group> …        which contact groups are regions
 *   setup reporters [add|remove] <group> …      which contact groups are reporter groups
 *   setup parent <region> <parent|none> arrange the region tree
 *   setup boundary <region> <boundary|none> the RapidPro boundary a region is drawn with on maps
 * Names with spaces go in quotes. Names are found among the workspace's flows and groups as the
 * background syncs last read them (RapidPro is asked once, briefly, only for a name not known
 * yet), so a change answers at once whatever RapidPro's throttling. A change that takes polls,
 * regions or reporter groups away says what it takes (contacts, supervisors, history) and asks
 * first. Regions and reporter groups then come from the groups each contact is already known to
 * be in; new polls fetch their questions and their own runs in the background.
 */
export const setup: Command = {
  name: 'setup',
  role: 'admin',
  holds: 'personal',
  samples: [
    'setup',
    'setup connect http://127.0.0.1:9 0123abcd',
    'setup polls Attendance',
    'setup regions Kampala',
    'setup regions add Kampala',
    'setup polls remove Feedback',
    'setup reporters Teachers',
    'setup parent Kawempe Kampala',
    'setup boundary Kampala none',
  ],
  async run(ctx, [what, ...names]) {
    if (!what) return show(ctx);
    const part = what.toLowerCase();
    switch (part) {
      case 'connect':
        return connect(ctx, names);
      case 'polls':
      case 'regions':
      case 'reporters':
        return choose(ctx, part, names);
      case 'parent':
        return arrange(ctx, names);
      case 'boundary':
        return linkBoundary(ctx, names);
      default:
        throw new UserError('errors.setupUnknown', { what }, true);
    }
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

const CONFIRM = '--confirm';

/**
 * `setup polls|regions|reporters [add|remove] <names…> [--confirm]`: the chosen set is made
 * exactly the names given, or has them added or taken away. Taking any away is asked first.
 */
async function choose(ctx: CommandContext, part: Part, words: string[]): Promise<Reply> {
  const confirmed = words.at(-1) === CONFIRM;
  const [first = '', ...rest] = confirmed ? words.slice(0, -1) : words;
  const mode = ['add', 'remove'].includes(first.toLowerCase()) ? (first.toLowerCase() as 'add' | 'remove') : 'set';
  const names = mode === 'set' ? [first, ...rest].filter(Boolean) : rest;
  const current = await listChosen(ctx.services.sql, part, ctx.org.id);
  let next: GroupRef[];
  if (mode === 'remove') {
    if (names.length === 0) throw new UserError('errors.setupNoNames', {}, true);
    const gone = names.map((name) => pickChosen(current, name, part));
    next = current.filter((item) => !gone.some((g) => g.uuid === item.uuid));
  } else {
    const clearing = mode === 'set' && names.length === 1 && names[0]!.toLowerCase() === 'none';
    const picked = clearing ? [] : await findOffered(ctx, kindOf[part], names);
    next = unique(mode === 'add' ? [...current, ...picked] : picked);
  }
  const removed = current.filter((item) => !next.some((n) => n.uuid === item.uuid));
  if (removed.length > 0 && !confirmed) return askToRemove(ctx, part, removed, next);
  await chooseFor[part](ctx.services.sql, ctx.org.id, next);
  const withdrawn = part === 'regions' ? await ungrantRemoved(ctx, removed) : [];
  await recordChange(ctx, part, {
    names: next.map((n) => n.name),
    ...(removed.length > 0 ? { removed: removed.map((r) => r.name) } : {}),
  });
  // Contacts' groups are mirrored whole, so new regions and reporter groups need no fetch; the
  // figures this changes are marked stale by the contacts' triggers and rebuilt when read.
  if (part === 'polls') await ctx.services.jobs.syncPolls(ctx.org.id);
  else await assignContactGroups(ctx.services.sql, ctx.org.id);
  const none = ctx.t('commands:setup.none');
  return {
    direction: ctx.direction,
    blocks: [
      paragraph(ctx.t(`commands:setup.saved_${part}`, { names: next.map((n) => n.name).join(', ') || none })),
      ...(removed.length > 0
        ? [note(ctx.t('commands:setup.removed', { names: removed.map((r) => r.name).join(', ') }))]
        : []),
      ...withdrawn,
      ...(part === 'polls' ? [note(ctx.t('commands:setup.syncing'))] : []),
    ],
  };
}

type Part = 'polls' | 'regions' | 'reporters';
const kindOf = { polls: 'flows', regions: 'groups', reporters: 'groups' } as const;
const chooseFor = { polls: choosePolls, regions: chooseRegions, reporters: chooseReporterGroups };

function unique(items: GroupRef[]): GroupRef[] {
  return items.filter((item, i) => items.findIndex((other) => other.uuid === item.uuid) === i);
}

function pickChosen(current: GroupRef[], name: string, part: Part): GroupRef {
  const match = matchByName(
    current.map((item, id) => ({ ...item, id })),
    name,
  );
  if (match.kind === 'found') return match.item;
  throw new UserError('errors.setupNotChosen', {
    name,
    part: part,
    names: current.map((c) => c.name).join(', ') || '—',
  });
}

/** What taking these away would do, and a button to go ahead (with the same result). */
async function askToRemove(ctx: CommandContext, part: Part, removed: GroupRef[], next: GroupRef[]): Promise<Reply> {
  const effects = await describeRemoval(ctx.services.sql, ctx.org.id, part, removed);
  const lines = effects.items.map((item) => ctx.t(`commands:setup.removes_${part}`, item));
  const supervisors = effects.supervisors.map((s) =>
    s.kept.length > 0
      ? ctx.t('commands:setup.supervisorLoses', { user: s.user, regions: s.lost.join(', '), kept: s.kept.join(', ') })
      : ctx.t('commands:setup.supervisorLosesAll', { user: s.user, regions: s.lost.join(', ') }),
  );
  const words = next.length > 0 ? next.map((n) => quote(n.name)) : ['none'];
  return {
    direction: ctx.direction,
    blocks: [
      heading(ctx.t(`commands:setup.removeTitle_${part}`, { count: removed.length })),
      list([...lines, ...supervisors]),
      paragraph(
        ctx.t(`commands:setup.removeQuestion_${part}`, {
          names: next.map((n) => n.name).join(', ') || ctx.t('commands:setup.none'),
        }),
      ),
      buttons(
        {
          label: ctx.t('commands:setup.removeConfirm'),
          command: ['setup', part, ...words, CONFIRM].join(' '),
          style: 'primary',
        },
        { label: ctx.t('common:cancel'), command: 'cancel' },
      ),
    ],
  };
}

/** Supervisors lose the regions taken away (and what they set up there); said in the reply. */
async function ungrantRemoved(ctx: CommandContext, removed: GroupRef[]): Promise<Reply['blocks']> {
  const { sql } = ctx.services;
  const affected = await ungrantRegions(
    sql,
    ctx.org.id,
    removed.map((r) => r.uuid),
  );
  let withdrawn = 0;
  for (const id of new Set(affected)) {
    const regionIds = withDescendants(ctx.regions, await listGrantedRegions(sql, id));
    const gone = await withdrawSetups(sql, id, regionIds);
    for (const digest of gone.digests) await ctx.services.jobs.cancelDigest(digest);
    for (const schedule of gone.schedules) await ctx.services.jobs.cancelSchedule(schedule);
    withdrawn += gone.digests.length + gone.schedules.length + gone.drafts + gone.invites;
  }
  return withdrawn > 0 ? [note(ctx.t('commands:setup.withdrawn', { count: withdrawn }))] : [];
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
  let boundary: Boundary | null = null;
  if (!['none', '-'].includes(wanted.toLowerCase())) {
    const offered = await listDrawableBoundaries(sql, ctx.org.id);
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
  await setRegionBoundary(sql, ctx.org.id, region.id, boundary?.id ?? null);
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
  const { sql } = ctx.services;
  const [flows, groups, polls, reporters] = await Promise.all([
    listOffered(sql, ctx.org.id, 'flows'),
    listOffered(sql, ctx.org.id, 'groups'),
    listPolls(ctx.services.db, ctx.org.id),
    listReporterGroups(sql, ctx.org.id),
  ]);
  const regions = [...ctx.regions.byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  const none = ctx.t('commands:setup.none');
  const names = (items: string[]) => (items.length ? items.join(', ') : none);
  return {
    direction: ctx.direction,
    private: true,
    blocks: [
      heading(ctx.t('commands:setup.title', { org: ctx.org.name })),
      list([
        ctx.t('commands:setup.polls', {
          names: names(
            polls.map((p) => (p.isArchived ? ctx.t('commands:polls.archivedName', { name: p.name }) : p.name)),
          ),
        }),
        ctx.t('commands:setup.regions', {
          names: names(
            regions.map((r) => {
              const parent = r.parentId === null ? undefined : ctx.regions.byId.get(r.parentId);
              return parent ? `${r.name} (${parent.name})` : r.name;
            }),
          ),
        }),
        ctx.t('commands:setup.reporters', { names: names(reporters.map((r) => r.name)) }),
      ]),
      heading(ctx.t('commands:setup.offered')),
      list([
        ctx.t('commands:setup.flows', { names: names(flows.map((f) => f.name)) }),
        ctx.t('commands:setup.groups', { names: names(groups.map((g) => g.name)) }),
      ]),
      note(ctx.t('commands:setup.howTo')),
    ],
  };
}
