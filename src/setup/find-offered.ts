// The flows or groups an admin named, found among what the workspace offers: first in the
// mirror (kept by the background syncs), so choosing never waits on RapidPro; only a name the
// mirror does not know yet is worth asking RapidPro about, once, for a few seconds at most.
import pTimeout, { TimeoutError } from 'p-timeout';
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../core/user-error.ts';
import type { GroupRef } from '../db/queries/choose-groups.ts';
import { listOffered, type OfferedKind } from '../db/queries/list-offered.ts';
import { writeWorkspaceFlows, writeWorkspaceGroups } from '../db/queries/write-workspace-lists.ts';
import { matchByName } from '../domain/match-name.ts';
import { collect } from '../rapidpro/collect.ts';
import { describeRapidProFailure } from '../rapidpro/describe-failure.ts';

/** How long a setup command asks RapidPro for names it does not know: within 5 s in all. */
const REFRESH_MS = 3_500;

export async function findOffered(ctx: CommandContext, kind: OfferedKind, names: string[]): Promise<GroupRef[]> {
  if (names.length === 0) throw new UserError('errors.setupNoNames', {}, true);
  const { sql } = ctx.services;
  const load = async () => (await listOffered(sql, ctx.org.id, kind)).map((item, id) => ({ ...item, id }));
  let offered = await load();
  let failure: unknown = null;
  if (names.some((name) => matchByName(offered, name).kind === 'none')) {
    try {
      // The client's own deadline ends its requests and waits; this catches what it cannot.
      await pTimeout(refreshOffered(ctx, kind), { milliseconds: REFRESH_MS + 500 });
      offered = await load();
    } catch (error) {
      // RapidPro failing or slow is an answer to give; anything else is a fault of ours.
      if (!(error instanceof TimeoutError) && !describeRapidProFailure(error, ctx.t)) throw error;
      failure = error;
      ctx.services.log.warn({ err: error, kind }, 'could not refresh the workspace’s names');
    }
  }
  return names.map((name) => {
    const match = matchByName(offered, name);
    if (match.kind === 'found') return { uuid: match.item.uuid, name: match.item.name };
    if (match.kind === 'ambiguous')
      throw new UserError('errors.setupAmbiguous', { name, names: match.candidates.map((c) => c.name).join(', ') });
    if (match.suggestion) throw new UserError('errors.setupSuggest', { name, suggestion: match.suggestion.name });
    if (!failure) throw new UserError('errors.setupNotFound', { name });
    const reason = describeRapidProFailure(failure, ctx.t);
    throw new UserError('errors.setupNotFoundStale', {
      name,
      reason: reason ? ctx.t(reason.key, reason.params) : ctx.t('errors.setupRefreshTimeout'),
    });
  });
}

/** Reads the workspace's list of flows or groups from RapidPro into the mirror now. */
async function refreshOffered(ctx: CommandContext, kind: OfferedKind): Promise<void> {
  const rapidpro = await ctx.services.rapidproFor(ctx.org.id, { deadline: Date.now() + REFRESH_MS });
  if (kind === 'flows') await writeWorkspaceFlows(ctx.services.sql, ctx.org.id, await collect(rapidpro.flows()));
  else await writeWorkspaceGroups(ctx.services.sql, ctx.org.id, await collect(rapidpro.groups()));
}
